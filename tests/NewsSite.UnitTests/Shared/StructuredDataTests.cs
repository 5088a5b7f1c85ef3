using System.Text.Json;
using NewsSite.Web.Features.Shared;

namespace NewsSite.UnitTests.Shared;

public sealed class StructuredDataTests
{
    private static JsonElement Article(DateTime published, DateTime modified) =>
        JsonDocument.Parse(StructuredData.NewsArticle("Headline", "Description", "https://news.test/city/story", null, published, modified,
            [new StructuredData.Person("A Writer", "https://news.test/authors/a-writer")], "City", "The Paper", "https://news.test/", "https://news.test/logo.png")).RootElement;

    [Fact]
    public void NewsArticle_ScheduledAfterItsLastEdit_IsNeverModifiedBeforeItWasPublished()
    {
        var json = Article(published: new DateTime(2027, 3, 30, 9, 0, 0, DateTimeKind.Utc), modified: new DateTime(2027, 3, 29, 17, 45, 0, DateTimeKind.Utc));

        Assert.Equal("2027-03-30T09:00:00Z", json.GetProperty("datePublished").GetString());
        Assert.Equal("2027-03-30T09:00:00Z", json.GetProperty("dateModified").GetString());
    }

    [Fact]
    public void NewsArticle_CorrectedAfterPublication_SaysWhenItWasModified()
    {
        var json = Article(published: new DateTime(2027, 3, 30, 9, 0, 0, DateTimeKind.Utc), modified: new DateTime(2027, 3, 30, 11, 15, 0, DateTimeKind.Utc));

        Assert.Equal("2027-03-30T11:15:00Z", json.GetProperty("dateModified").GetString());
    }
}

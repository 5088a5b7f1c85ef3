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

    [Fact]
    public void NewsArticle_WithCorrections_ListsEachAsACorrectionComment_AndWithoutNone_HasNoCorrectionProperty()
    {
        var at = new DateTime(2027, 3, 30, 11, 15, 0, DateTimeKind.Utc);
        var corrected = JsonDocument.Parse(StructuredData.NewsArticle("Headline", "Description", "https://news.test/city/story", null, at.AddHours(-2), at,
            [], "City", "The Paper", "https://news.test/", "https://news.test/logo.png",
            corrections: [new StructuredData.CorrectionNote("Correction: it was 4%, not 40%. </script>", at, "https://news.test/city/story#correction-1")]));
        var json = corrected.RootElement.GetProperty("correction").EnumerateArray().Single();

        Assert.Equal("CorrectionComment", json.GetProperty("@type").GetString());
        Assert.Equal("Correction: it was 4%, not 40%. </script>", json.GetProperty("text").GetString());
        Assert.Equal("2027-03-30T11:15:00Z", json.GetProperty("datePublished").GetString());
        Assert.False(Article(at, at).TryGetProperty("correction", out _));
    }
}

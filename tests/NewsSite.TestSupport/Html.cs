using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace NewsSite.TestSupport;

public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return Parser.ParseDocument(body);
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);
}

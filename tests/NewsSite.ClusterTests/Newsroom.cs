using System.Net;
using AngleSharp.Html.Dom;
using NewsSite.TestSupport;

namespace NewsSite.ClusterTests;

/// <summary>What the tests do in the newsroom, through the real forms.</summary>
public static class Newsroom
{
    /// <summary>Publishes a story through the editor's form; returns its id and public address.</summary>
    public static async Task<(int Id, string Url)> PublishAsync(ClusterClient editor, string title, string body = "A first paragraph.\n\nA second one.")
    {
        var page = Html.Parse(await editor.GetStringAsync("/admin/articles/new"));
        var section = page.QuerySelectorAll("#SectionId option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;
        var published = await editor.PostFormAsync("/admin/articles/publish", new()
        {
            ["Title"] = title,
            ["Standfirst"] = "What happened, in a sentence.",
            ["SectionId"] = section,
            ["BodyMarkdown"] = body,
            ["Tags"] = "",
            ["Version"] = "0",
        }, "/admin/articles/new");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var editorPage = published.Headers.Location!.OriginalString;
        var id = int.Parse(editorPage.Split('/').Last());
        var url = Html.Parse(await editor.GetStringAsync(editorPage)).QuerySelectorAll("a").First(a => a.TextContent == "View on the site").GetAttribute("href")!;
        return (id, url);
    }

    /// <summary>Saves the editor's form for a story as it stands, with the given fields changed.</summary>
    public static async Task<HttpResponseMessage> SaveWithAsync(ClusterClient editor, int id, Dictionary<string, string> changes)
    {
        var form = (IHtmlFormElement)Html.Parse(await editor.GetStringAsync($"/admin/articles/{id}")).QuerySelector("form[action='/admin/articles/save']")!;
        var fields = new Dictionary<string, string>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || name == "__RequestVerificationToken")
            {
                continue;
            }
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false }:
                case IHtmlButtonElement:
                    break;
                case IHtmlInputElement input:
                    fields[name] = input.Value;
                    break;
                case IHtmlTextAreaElement text:
                    fields[name] = text.Value;
                    break;
                case IHtmlSelectElement select:
                    fields[name] = select.Value ?? "";
                    break;
            }
        }
        foreach (var (key, value) in changes)
        {
            fields[key] = value;
        }
        return await editor.PostFormAsync("/admin/articles/save", fields, $"/admin/articles/{id}");
    }
}

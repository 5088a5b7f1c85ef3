using System.Net;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsletter;

[Collection(NewsletterCollection.Name)]
public sealed class IssueLabelTests(NewsletterFactory site)
{
    [Fact]
    public async Task IssueEmail_LabelsOpinionAndSponsoredStories_InBothParts_AndLeavesNewsUnlabelled()
    {
        var editorEmail = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        var editor = StaffClient.Anonymous(site);
        await editor.SignInAsync(editorEmail, StaffClient.Password);
        var opinion = await new ArticleBuilder().With(a => a.WorkType = WorkType.Opinion).SaveAsync(site);
        var sponsored = await new ArticleBuilder().With(a => { a.WorkType = WorkType.Sponsored; a.SponsorName = "Acme & Sons"; }).SaveAsync(site);
        var news = await new ArticleBuilder().SaveAsync(site);
        var subject = $"Labels {Guid.NewGuid():n}";
        var saved = await editor.PostFieldsAsync("/admin/newsletters/save",
            [new("Subject", subject), new("ArticleIds", opinion.Id.ToString()), new("ArticleIds", sponsored.Id.ToString()), new("ArticleIds", news.Id.ToString())],
            tokenFrom: "/admin/newsletters/new");
        var id = int.Parse(saved.Headers.Location!.OriginalString.Split('/').Last());

        await editor.PostFormAsync($"/admin/newsletters/{id}/test", [], tokenFrom: $"/admin/newsletters/{id}");

        var email = await site.Smtp.WaitForAsync(editorEmail, $"[Test] {subject}");
        var html = WebUtility.HtmlDecode(email.HtmlBody);
        Assert.Contains(">Opinion</p>", html);
        Assert.Contains(">Sponsored · Paid for by Acme & Sons</p>", html);
        Assert.DoesNotContain(">News</p>", html);
        var text = (email.TextBody ?? "").Replace("\r\n", "\n");
        Assert.Contains($"[Opinion]\n{opinion.Title}", text);
        Assert.Contains($"[Sponsored · Paid for by Acme & Sons]\n{sponsored.Title}", text);
        Assert.DoesNotContain("[News]", text);
    }
}

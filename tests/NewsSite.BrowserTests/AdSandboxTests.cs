using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AdSandboxTests(BrowserFixture browser)
{
    /// <summary>
    /// What the review's attacker put in an ad slot: read the staff page with the viewer's session, take its form token,
    /// promote the ad's author, and deface the page around the ad. It reports what worked in its own #result.
    /// </summary>
    private static string HostileAd(string editorId) => $$"""
        <p id="result">pending</p>
        <a id="ad-link" href="/newsletter">Sign up to our briefing</a>
        <script>
        (async function () {
          var out = [];
          try {
            var page = await fetch('/admin/users', { credentials: 'include' });
            var html = await page.text();
            var token = (html.match(/name="__RequestVerificationToken" type="hidden" value="([^"]+)"/) || [])[1];
            out.push('users:' + page.status + (token ? ':token' : ':no-token'));
            var body = new URLSearchParams({ role: 'Administrator', __RequestVerificationToken: token || '' });
            var promoted = await fetch('/admin/users/{{editorId}}/role', { method: 'POST', body: body, credentials: 'include' });
            out.push('promote:' + promoted.status);
          } catch (e) { out.push('users:blocked'); }
          try { parent.document.body.insertAdjacentHTML('afterbegin', '<p id="defaced">defaced</p>'); out.push('parent:touched'); }
          catch (e) { out.push('parent:blocked'); }
          try { out.push('cookie:' + document.cookie.length); } catch (e) { out.push('cookie:blocked'); }
          document.getElementById('result').textContent = out.join(' ');
        })();
        </script>
        """;

    [SkippableFact]
    public async Task HostileAd_ViewedByAnAdministrator_GetsNothing_AndItsLinkStillOpens()
    {
        browser.SkipIfUnavailable();
        var site = browser.Site;
        var editorEmail = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        var editorId = await site.WithDbAsync((db, _) => db.Users.Where(u => u.Email == editorEmail).Select(u => u.Id).SingleAsync());
        var article = await new ArticleBuilder().SaveAsync(site);
        var originalAd = await SetInlineAdAsync(HostileAd(editorId));
        try
        {
            var page = await browser.NewPageAsync();
            await EditorJourneyTests.SignInAsync(page);
            await page.GotoAsync(article.UrlOf());

            var frameElement = page.Locator("iframe.ad-frame-article-inline");
            await frameElement.ScrollIntoViewIfNeededAsync();
            Assert.Equal(AdFrameSandbox, await frameElement.GetAttributeAsync("sandbox"));
            var frame = page.FrameLocator("iframe.ad-frame-article-inline");
            var result = frame.Locator("#result");
            await Assertions.Expect(result).Not.ToHaveTextAsync("pending");

            Assert.Equal("users:blocked parent:blocked cookie:blocked", await result.TextContentAsync());
            Assert.Equal(0, await page.Locator("#defaced").CountAsync());
            await using (var scope = site.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
                var editor = await users.FindByIdAsync(editorId);
                Assert.Equal([StaffRoles.Editor], await users.GetRolesAsync(editor!));
            }

            // Real ads still work: their links open (in a new tab, outside the sandbox).
            var popup = await page.RunAndWaitForPopupAsync(() => frame.Locator("#ad-link").ClickAsync());
            await popup.WaitForLoadStateAsync();
            Assert.EndsWith("/newsletter", popup.Url);
            Assert.Equal(1, await popup.Locator("h1").CountAsync());
        }
        finally
        {
            await SetInlineAdAsync(originalAd);
        }
    }

    private const string AdFrameSandbox = "allow-scripts allow-popups allow-popups-to-escape-sandbox allow-forms";

    private Task<string> SetInlineAdAsync(string html) => browser.Site.WithDbAsync(async (db, _) =>
    {
        var slot = await db.AdSlots.SingleAsync(a => a.Placement == AdPlacements.ArticleInline);
        var before = slot.Html;
        slot.Html = html;
        slot.IsEnabled = true;
        await db.SaveChangesAsync();
        return before;
    });
}

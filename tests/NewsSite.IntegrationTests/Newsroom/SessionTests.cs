using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsroom;

[Collection(NewsroomCollection.Name)]
public sealed partial class SessionTests(NewsroomFactory site)
{
    private static readonly Uri Base = new("https://localhost");

    [Fact]
    public async Task SignOut_EndsTheSessionForGood_ACopiedCookieNoLongerWorks()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var browser = new CookieContainer();
        var client = ClientWith(browser);
        await PostAsync(client, "/admin/sign-in", "/admin/sign-in", new() { ["Email"] = email, ["Password"] = StaffClient.Password });
        var copied = new CookieContainer();
        copied.Add(browser.GetCookies(Base));
        var thief = ClientWith(copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/admin")).StatusCode);

        var signOut = await PostAsync(client, "/admin/sign-out", "/admin", new());

        Assert.Equal("/admin/sign-in", signOut.Headers.Location?.OriginalString);
        var afterwards = await thief.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.StartsWith("https://localhost/admin/sign-in", afterwards.Headers.Location?.ToString());
    }

    [Fact]
    public async Task SignOutEverywhere_EndsTheSessionsOnOtherDevices()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        var laptop = StaffClient.Anonymous(site);
        var phone = StaffClient.Anonymous(site);
        await laptop.SignInAsync(email, StaffClient.Password);
        await phone.SignInAsync(email, StaffClient.Password);
        Assert.Equal(HttpStatusCode.OK, (await phone.Http.GetAsync("/admin")).StatusCode);

        var everywhere = await laptop.PostFormAsync("/admin/account/sign-out-everywhere", new(), tokenFrom: "/admin/account");

        Assert.Equal("/admin/sign-in", everywhere.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.Http.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.Http.GetAsync("/admin")).StatusCode);
        Assert.Equal(0, await site.WithDbAsync((db, _) => db.StaffSessions.CountAsync(s => s.UserId == db.Users.Single(u => u.Email == email).Id)));
    }

    [Fact]
    public async Task SaveAfterTheSessionLapsed_IsKeptThroughSignIn_AndCompleted()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        var article = await new ArticleBuilder().Draft().SaveAsync(site);
        var editor = StaffClient.Anonymous(site);
        await editor.SignInAsync(email, StaffClient.Password);
        var token = await editor.TokenAsync($"/admin/articles/{article.Id}");
        var text = $"Written while the session ran out {Guid.NewGuid():n}.";
        await EndSessionsAsync(email);

        var save = await editor.Http.PostAsync("/admin/articles/save", Form(ArticleFields.For(article.Id, article.Version, article.Title, article.SectionId, body: text), token));
        var signInPage = save.Headers.Location!.OriginalString;
        var resume = Uri.UnescapeDataString(ReturnUrl().Match(signInPage).Groups[1].Value);
        Assert.Contains("Nothing you typed is lost", await (await editor.Http.GetAsync(signInPage)).Content.ReadAsStringAsync());
        var stored = await site.WithDbAsync((db, _) => db.PendingFormPosts.Select(p => p.Form).ToListAsync());
        Assert.DoesNotContain(stored, form => form.Contains("session ran out", StringComparison.Ordinal));
        var signedIn = await editor.SignInAsync(email, StaffClient.Password, resume);
        var completed = await editor.Http.GetAsync(signedIn.Headers.Location!.OriginalString);

        Assert.StartsWith("/admin/sign-in?returnUrl=", signInPage);
        Assert.StartsWith("/admin/resume/", resume);
        Assert.Equal(resume, signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        Assert.Equal($"/admin/articles/{article.Id}", completed.Headers.Location?.OriginalString);
        Assert.Equal(text, await BodyOfAsync(article.Id));
        var again = await editor.Http.GetAsync(resume);
        Assert.Contains("Nothing left to finish", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task KeptForm_OpenedBySomeoneElse_SavesNothing()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        var article = await new ArticleBuilder().Draft().SaveAsync(site);
        var editor = StaffClient.Anonymous(site);
        await editor.SignInAsync(email, StaffClient.Password);
        var token = await editor.TokenAsync($"/admin/articles/{article.Id}");
        await EndSessionsAsync(email);
        var save = await editor.Http.PostAsync("/admin/articles/save", Form(ArticleFields.For(article.Id, article.Version, article.Title, article.SectionId, body: "Not theirs to save."), token));
        var resume = Uri.UnescapeDataString(ReturnUrl().Match(save.Headers.Location!.OriginalString).Groups[1].Value);

        var colleague = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var attempt = await colleague.Http.GetAsync(resume);

        Assert.Equal(HttpStatusCode.BadRequest, attempt.StatusCode);
        Assert.NotEqual("Not theirs to save.", await BodyOfAsync(article.Id));
    }

    [Fact]
    public async Task PasswordFormPostedAfterTheSessionLapsed_IsNotKept()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var writer = StaffClient.Anonymous(site);
        await writer.SignInAsync(email, StaffClient.Password);
        var token = await writer.TokenAsync("/admin/account/password");
        await EndSessionsAsync(email);
        var before = await site.WithDbAsync((db, _) => db.PendingFormPosts.CountAsync());

        var post = await writer.Http.PostAsync("/admin/account/password", Form(new()
        {
            ["CurrentPassword"] = StaffClient.Password,
            ["NewPassword"] = "a brand new long password",
            ["ConfirmPassword"] = "a brand new long password",
        }, token));

        Assert.DoesNotContain("resume", post.Headers.Location?.OriginalString ?? "");
        Assert.Equal(before, await site.WithDbAsync((db, _) => db.PendingFormPosts.CountAsync()));
    }

    private HttpClient ClientWith(CookieContainer cookies) => site.CreateDefaultClient(Base, new CookieContainerHandler(cookies));

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string tokenFrom, Dictionary<string, string> fields)
    {
        var page = await (await client.GetAsync(tokenFrom)).Content.ReadAsStringAsync();
        var token = StaffClient.TokenIn(page)!;
        return await client.PostAsync(url, Form(fields, token));
    }

    private static FormUrlEncodedContent Form(Dictionary<string, string> fields, string token) =>
        new(fields.Append(new("__RequestVerificationToken", token)));

    private Task EndSessionsAsync(string email) => site.WithDbAsync(async db =>
    {
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        await db.StaffSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync();
    });

    private Task<string> BodyOfAsync(int id) =>
        site.WithDbAsync((db, _) => db.Articles.Where(a => a.Id == id).Select(a => a.BodyMarkdown).SingleAsync());

    [GeneratedRegex("returnUrl=([^&]+)")]
    private static partial Regex ReturnUrl();
}

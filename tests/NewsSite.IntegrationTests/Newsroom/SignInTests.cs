using System.Net;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Delivery;

namespace NewsSite.IntegrationTests.Newsroom;

[Collection(NewsroomCollection.Name)]
public sealed class SignInTests(NewsroomFactory site)
{
    [Fact]
    public async Task FirstAdministrator_FromConfiguration_CanSignIn_AndTheSetupPageIsClosed()
    {
        var client = StaffClient.Anonymous(site);

        var response = await client.SignInAsync(NewsroomFactory.AdminEmail, NewsroomFactory.AdminPassword);

        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        Assert.Contains("Dashboard", await client.GetStringAsync("/admin"));
        Assert.Equal(HttpStatusCode.NotFound, (await StaffClient.Anonymous(site).Http.GetAsync("/admin/setup")).StatusCode);
    }

    [Fact]
    public async Task SignInCookie_IsHttpOnlySecureAndLax()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var response = await StaffClient.Anonymous(site).SignInAsync(email, StaffClient.Password);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".NewsSite.Staff="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WrongPassword_ShowsAMessage_AndIsAudited()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);

        var response = await StaffClient.Anonymous(site).SignInAsync(email, "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("do not match an active account", await response.Content.ReadAsStringAsync());
        var audited = await site.WithDbAsync((db, _) => db.AuditLog.AnyAsync(e => e.Action == "sign-in-failed" && e.Target == email));
        Assert.True(audited);
    }

    [Fact]
    public async Task DisabledAccount_CannotSignIn()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Editor, disabled: true);

        var response = await StaffClient.Anonymous(site).SignInAsync(email, StaffClient.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("do not match an active account", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task ReturnUrlOffTheSite_IsIgnored(string returnUrl)
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);

        var response = await StaffClient.Anonymous(site).SignInAsync(email, StaffClient.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task LocalReturnUrl_IsFollowed()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);

        var response = await StaffClient.Anonymous(site).SignInAsync(email, StaffClient.Password, "/admin/articles?filter=mine");

        Assert.Equal("/admin/articles?filter=mine", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ForgottenPassword_EmailsALink_ThatSetsANewPassword()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var client = StaffClient.Anonymous(site);

        var request = await client.PostFormAsync("/admin/forgot-password", new() { ["Email"] = email }, tokenFrom: "/admin/forgot-password");
        Assert.Contains("If that address belongs to a newsroom account", await request.Content.ReadAsStringAsync());

        var message = await Mailbox.WaitForAsync(site.PickupDirectory, email, "Reset your");
        var link = Mailbox.LinkStartingWith(message, "http://news.test/admin/reset-password?");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link).Query);
        var reset = await client.PostFormAsync("/admin/reset-password", new()
        {
            ["UserId"] = query["userId"]!,
            ["Token"] = query["token"]!,
            ["Password"] = "a brand new long password",
            ["ConfirmPassword"] = "a brand new long password",
        }, tokenFrom: new Uri(link).PathAndQuery);
        Assert.Equal("/admin/sign-in", reset.Headers.Location?.OriginalString);

        Assert.Equal("/admin", (await StaffClient.Anonymous(site).SignInAsync(email, "a brand new long password")).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await StaffClient.Anonymous(site).SignInAsync(email, StaffClient.Password)).StatusCode);
    }

    [Fact]
    public async Task ForgottenPassword_ForAnUnknownAddress_LooksTheSame_AndSendsNothing()
    {
        var response = await StaffClient.Anonymous(site).PostFormAsync("/admin/forgot-password", new() { ["Email"] = "nobody-here@newsroom.test" }, tokenFrom: "/admin/forgot-password");

        Assert.Contains("If that address belongs to a newsroom account", await response.Content.ReadAsStringAsync());
        var queued = await site.WithDbAsync((db, _) => db.Outbox.AnyAsync(m => m.ToAddress == "nobody-here@newsroom.test"));
        Assert.False(queued);
    }

    [Fact]
    public async Task Invitation_LetsTheNewPersonChooseAPassword_AndSignInWithTheirRole()
    {
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var email = $"invited-{Guid.NewGuid():n}@newsroom.test";

        var invite = await admin.PostFormAsync("/admin/users/invite", new() { ["Invite.Email"] = email, ["Invite.DisplayName"] = "New Reporter", ["Invite.Role"] = StaffRoles.Editor }, tokenFrom: "/admin/users");
        Assert.Equal("/admin/users", invite.Headers.Location?.OriginalString);

        var message = await Mailbox.WaitForAsync(site.PickupDirectory, email, "invited");
        var link = Mailbox.LinkStartingWith(message, "http://news.test/admin/invitation?");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link).Query);
        var newcomer = StaffClient.Anonymous(site);
        var accept = await newcomer.PostFormAsync("/admin/reset-password", new()
        {
            ["UserId"] = query["userId"]!,
            ["Token"] = query["token"]!,
            ["IsInvitation"] = "true",
            ["Password"] = "my own chosen password",
            ["ConfirmPassword"] = "my own chosen password",
        }, tokenFrom: new Uri(link).PathAndQuery);
        Assert.Equal("/admin/sign-in", accept.Headers.Location?.OriginalString);

        Assert.Equal("/admin", (await newcomer.SignInAsync(email, "my own chosen password")).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.Http.GetAsync("/admin/sections")).StatusCode);

        // The link works once.
        var again = await StaffClient.Anonymous(site).PostFormAsync("/admin/reset-password", new()
        {
            ["UserId"] = query["userId"]!, ["Token"] = query["token"]!, ["IsInvitation"] = "true",
            ["Password"] = "another password here", ["ConfirmPassword"] = "another password here",
        }, tokenFrom: "/admin/sign-in");
        Assert.Contains("expired or has already been used", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Administrator_CanChangeARole_AndDisableAnAccount()
    {
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var userId = await site.WithDbAsync((db, _) => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        await admin.PostFormAsync($"/admin/users/{userId}/role", new() { ["role"] = StaffRoles.Editor }, tokenFrom: "/admin/users");
        var editor = StaffClient.Anonymous(site);
        await editor.SignInAsync(email, StaffClient.Password);
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.GetAsync("/admin/sections")).StatusCode);

        await admin.PostFormAsync($"/admin/users/{userId}/disable", [], tokenFrom: "/admin/users");
        var afterDisable = await StaffClient.Anonymous(site).SignInAsync(email, StaffClient.Password);
        Assert.Equal(HttpStatusCode.OK, afterDisable.StatusCode);

        var audit = await site.WithDbAsync((db, _) => db.AuditLog.Where(e => e.Target == email).Select(e => e.Action).ToListAsync());
        Assert.Contains("role-change", audit);
        Assert.Contains("user-disabled", audit);
    }
}

public static class Mailbox
{
    /// <summary>Waits for an .eml file in the pickup folder addressed to <paramref name="to"/> whose subject contains <paramref name="subject"/>.</summary>
    public static Task<MimeMessage> WaitForAsync(string folder, string to, string subject) =>
        Poll.UntilAsync(() =>
        {
            if (!Directory.Exists(folder))
            {
                return Task.FromResult<MimeMessage?>(null);
            }
            foreach (var file in Directory.GetFiles(folder, "*.eml"))
            {
                var message = MimeMessage.Load(file);
                if (message.To.Mailboxes.Any(m => m.Address == to) && (message.Subject ?? "").Contains(subject, StringComparison.OrdinalIgnoreCase))
                {
                    return Task.FromResult<MimeMessage?>(message);
                }
            }
            return Task.FromResult<MimeMessage?>(null);
        }, TimeSpan.FromSeconds(15), $"an email to {to}");

    public static string LinkStartingWith(MimeMessage message, string prefix)
    {
        var text = message.TextBody ?? "";
        var start = text.IndexOf(prefix, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No link starting with {prefix} in:\n{text}");
        var end = text.IndexOfAny([' ', '\n', '\r'], start);
        return end < 0 ? text[start..] : text[start..end];
    }
}

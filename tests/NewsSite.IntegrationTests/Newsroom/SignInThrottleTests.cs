using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Delivery;

namespace NewsSite.IntegrationTests.Newsroom;

[Collection(NewsroomCollection.Name)]
public sealed class SignInThrottleTests(NewsroomFactory site)
{
    [Fact]
    public async Task HundredFailuresFromOtherClients_DoNotLockOutTheAdministrator()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Administrator);
        var administrator = StaffClient.Anonymous(site);
        await administrator.SignInAsync(email, StaffClient.Password);
        await administrator.PostFormAsync("/admin/sign-out", new());

        var attacks = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => StaffClient.Anonymous(site).SignInAsync(email, $"guess number {i}")));
        var signIn = await administrator.SignInAsync(email, StaffClient.Password);

        Assert.All(attacks, response => Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{response.StatusCode}"));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/admin", signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task UnknownAndKnownAddresses_GetTheSameWords_AndNoLockedMessage()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        string? known = null, unknown = null;
        for (var i = 0; i < 3; i++)
        {
            known = await (await StaffClient.Anonymous(site).SignInAsync(email, $"wrong {i}")).Content.ReadAsStringAsync();
            unknown = await (await StaffClient.Anonymous(site).SignInAsync($"x{email}", $"wrong {i}")).Content.ReadAsStringAsync();
        }

        Assert.Contains("do not match an active account", known);
        Assert.Contains("do not match an active account", unknown);
        Assert.DoesNotContain("locked", known, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await site.WithDbAsync((db, _) => db.Users.CountAsync(u => u.Email == email && u.LockoutEnd != null)));
    }

    [Fact]
    public async Task ForgottenPassword_SendsAFewEmailsPerAddress_AndLimitsEachClient()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var visitor = StaffClient.Anonymous(site);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add(await StaffClient.Anonymous(site).PostFormAsync("/admin/forgot-password", new() { ["Email"] = email }, tokenFrom: "/admin/forgot-password"));
        }
        for (var i = 0; i < 32; i++)
        {
            answers.Add(await visitor.PostFormAsync("/admin/forgot-password", new() { ["Email"] = $"someone-{i}@elsewhere.test" }, tokenFrom: "/admin/forgot-password"));
        }

        var resets = await site.WithDbAsync((db, _) => db.Outbox.CountAsync(m => m.ToAddress == email && m.Kind == "password-reset"));
        Assert.Equal(3, resets);
        Assert.All(answers.Take(8), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1].StatusCode);
    }
}

/// <summary>The site with the progressive delay off, so the time a sign-in takes is only the work it does.</summary>
public sealed class NoDelaySiteFactory : NewsSiteFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["SignIn:MaxDelaySeconds"] = "0" };
}

/// <summary>Timing is compared with nothing else running: the other collections run in parallel and would add noise.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}

[Collection(TimingCollection.Name)]
public sealed class SignInTimingTests(NoDelaySiteFactory site) : IClassFixture<NoDelaySiteFactory>
{
    [Fact]
    public async Task KnownAndUnknownAddresses_TakeTheSameTime_Within20Percent()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        await StaffClient.Anonymous(site).SignInAsync("warm-up@newsroom.test", "warming up the hasher");
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            known.Add(await TimeAsync(email, $"wrong password {i}"));
            unknown.Add(await TimeAsync($"nobody-{i}@newsroom.test", $"wrong password {i}"));
        }

        // The lower quartiles: noise from other test processes on the machine only ever adds time (a burst of it once
        // moved a median more than 20 % in a full test run), while a real difference in work, such as a hash skipped or
        // a query more, shows in every quartile.
        var knownTime = LowerQuartile(known);
        var unknownTime = LowerQuartile(unknown);
        var gap = Math.Abs(knownTime - unknownTime) / Math.Max(knownTime, unknownTime);
        Assert.True(gap <= 0.2, $"lower quartiles: known {knownTime:0.0} ms, unknown {unknownTime:0.0} ms: {gap:P0} apart " +
            $"(medians {Median(known):0.0} and {Median(unknown):0.0} ms)");
    }

    private async Task<double> TimeAsync(string email, string password)
    {
        var client = StaffClient.Anonymous(site);
        var token = await client.TokenAsync("/admin/sign-in");
        var form = new FormUrlEncodedContent([new("Email", email), new("Password", password), new("__RequestVerificationToken", token)]);
        var timer = Stopwatch.StartNew();
        var response = await client.Http.PostAsync("/admin/sign-in", form);
        timer.Stop();
        Assert.Contains("do not match an active account", await response.Content.ReadAsStringAsync());
        return timer.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static double LowerQuartile(List<double> values) => values.Order().ElementAt(values.Count / 4);
}

/// <summary>Throttles set so that their waits are long enough to observe without racing the clock.</summary>
public sealed class SlowThrottleSiteFactory : NewsSiteFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SignIn:FailuresBeforeDelay"] = "1",
        ["SignIn:FirstDelaySeconds"] = "120",
        ["SignIn:MaxDelaySeconds"] = "600",
        ["SignIn:FailuresPerClient"] = "5",
    };
}

public sealed class SignInBackOffTests(SlowThrottleSiteFactory site) : IClassFixture<SlowThrottleSiteFactory>
{
    [Fact]
    public async Task AfterFailures_TheAddressMustWait_EvenForTheRightPassword_ExceptOnItsOwnersDevice()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Writer);
        var owner = StaffClient.Anonymous(site);
        await owner.SignInAsync(email, StaffClient.Password);
        await owner.PostFormAsync("/admin/sign-out", new());
        await StaffClient.Anonymous(site).SignInAsync(email, "first wrong guess");
        await StaffClient.Anonymous(site).SignInAsync(email, "second wrong guess");

        var guesser = await StaffClient.Anonymous(site).SignInAsync(email, StaffClient.Password);
        var unknown = await StaffClient.Anonymous(site).SignInAsync("x" + email, "a guess");
        var ownersDevice = await owner.SignInAsync(email, StaffClient.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, guesser.StatusCode);
        Assert.Contains("Try again in", await guesser.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, ownersDevice.StatusCode);
        // The refused try was never checked, so it cost no password work and recorded no failure.
        Assert.Equal(2, await site.WithDbAsync((db, _) => db.AuditLog.CountAsync(e => e.Action == "sign-in-failed" && e.Target == email)));
    }

    [Fact]
    public async Task OneClientThatKeepsFailing_IsRefused_ButColleaguesAtTheSameAddressWithTheirOwnDevicesSignIn()
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.Editor);
        const string office = "198.51.100.23";
        var colleague = StaffClient.Anonymous(site).From(office);
        await colleague.SignInAsync(email, StaffClient.Password);
        await colleague.PostFormAsync("/admin/sign-out", new());
        var guesser = StaffClient.Anonymous(site).From(office);
        for (var i = 0; i < 5; i++)
        {
            await guesser.SignInAsync($"nobody-{i}-{Guid.NewGuid():n}@newsroom.test", "a guessed password");
        }

        var refused = await guesser.SignInAsync(email, StaffClient.Password);
        var newcomer = await StaffClient.Anonymous(site).From(office).SignInAsync(email, StaffClient.Password);
        var known = await colleague.SignInAsync(email, StaffClient.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many failed sign-ins from your connection", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, newcomer.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, known.StatusCode);
    }
}

using Microsoft.Playwright;
using NewsSite.TestSupport;

namespace NewsSite.BrowserTests;

/// <summary>The site on real Kestrel at a fixed loopback port, with its own SMTP server; the browser reaches it over TCP.</summary>
public sealed class KestrelSiteFactory : SmtpSiteFactory
{
    public KestrelSiteFactory()
    {
        Port = new TestSmtpServer().Port; // a free loopback port, chosen the same way
        UseKestrel(Port);
    }

    public int Port { get; }

    public string SiteUrl => $"http://127.0.0.1:{Port}";

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Site:BaseUrl"] = SiteUrl;
            // The browser talks plain http to 127.0.0.1, so cookies cannot be Secure-only here.
            settings["Security:CookieSecurePolicy"] = "SameAsRequest";
            // Every browser test comes from 127.0.0.1 and signs in afresh, dozens of times a minute: one very busy
            // client that the per-client sign-in limit (30 a minute) would otherwise turn away.
            settings["SignIn:PostsPerClientPerMinute"] = "1000";
            // A live story's page asks for new entries every second, so the live journey waits one second, not fifteen.
            settings["Live:PollSeconds"] = "1";
            return settings;
        }
    }
}

/// <summary>
/// One site, one SMTP server and one Chromium for the whole run (a browser start costs seconds); each test gets a
/// fresh browser context. Without /usr/bin/chromium the tests skip with the reason, unless
/// NEWSSITE_REQUIRE_BROWSER=1 (set by CI), which makes a missing browser a failure.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public KestrelSiteFactory Site { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public string? UnavailableReason { get; private set; }

    public static bool BrowserRequired => Environment.GetEnvironmentVariable("NEWSSITE_REQUIRE_BROWSER") == "1";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            UnavailableReason = $"No Chromium at {ChromiumPath}: install Debian's chromium package to run the browser tests.";
            if (BrowserRequired)
            {
                throw new InvalidOperationException(UnavailableReason + " NEWSSITE_REQUIRE_BROWSER=1 makes this a failure.");
            }
            return;
        }
        await Site.Smtp.StartAsync();
        Site.StartServer();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        await WarmUpAsync();
    }

    /// <summary>
    /// One sign-in before any test, with minutes to spare: the first test's sign-in once met a site still compiling
    /// its first queries while CI started every other test project's sites beside it, and waited out its 30 s.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var page = await NewPageAsync();
        page.SetDefaultTimeout(180_000);
        page.SetDefaultNavigationTimeout(180_000);
        try
        {
            await page.GotoAsync("/");
            await EditorJourneyTests.SignInAsync(page);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    public void SkipIfUnavailable() => Skip.If(UnavailableReason is not null, UnavailableReason);

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Site.SiteUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
        });
        // Generous: CI runs these beside the integration projects on two cores, and a sign-in (a password hash and a
        // first render) once took longer than 15 seconds there. A real defect still fails, only later.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        playwright?.Dispose();
        await Site.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

public static class RepositoryPaths
{
    /// <summary>The folder holding NewsSite.sln, found by walking up from the test binaries.</summary>
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "NewsSite.sln")))
                {
                    return directory.FullName;
                }
            }
            throw new InvalidOperationException("NewsSite.sln not found above the test binaries.");
        }
    }

    /// <summary>NEWSSITE_SCREENSHOTS=1 refreshes the README's pictures; otherwise they go to a temporary folder, so a
    /// plain test run leaves the working tree clean.</summary>
    public static bool RefreshScreenshots => Environment.GetEnvironmentVariable("NEWSSITE_SCREENSHOTS") == "1";

    public static string Screenshots => Directory.CreateDirectory(RefreshScreenshots
        ? Path.Combine(Root, "docs", "screenshots")
        : Path.Combine(Path.GetTempPath(), "newssite-screenshots")).FullName;
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data;

namespace NewsSite.TestSupport;

/// <summary>
/// The real site over a real SQLite file in a temporary folder, built by the real migrations and seeded with the
/// sample content; in a test assembly marked for PostgreSQL (<see cref="TestDatabase"/>), over its own database
/// cloned from a migrated template. Runs as "Testing" so errors are shown as visitors see them, not as a developer does.
/// </summary>
public class NewsSiteFactory : WebApplicationFactory<Program>
{
    public const string BaseUrl = "http://news.test";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "newssite-tests", Guid.NewGuid().ToString("n"));

    /// <summary>The SQLite file (SQLite-only tests read it directly).</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "news.db");

    private string? ownDatabase;

    /// <summary>
    /// The site's ConnectionStrings:News, to point another node at the same database. On PostgreSQL the database is
    /// created when first asked for (the test skips there when no server is configured).
    /// </summary>
    public string ConnectionString => Settings.TryGetValue("ConnectionStrings:News", out var given) && given is not null
        ? given
        : TestDatabase.Engine == Web.Infrastructure.DatabaseEngine.Postgres
            ? ownDatabase ??= TestDatabase.CreatePostgresDatabase(empty: StartsOnEmptyDatabase)
            : $"Data Source={DatabasePath}";

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>
    /// True for a test of the site's very first start: its migrations then run on start-up even on PostgreSQL,
    /// where sites otherwise start on a clone of an already migrated database.
    /// </summary>
    protected virtual bool StartsOnEmptyDatabase => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(DataDirectory);
        builder.UseEnvironment("Testing");
        // As strict as Development (where `dotnet run` runs): a singleton that reaches for a scoped service fails the
        // tests, not the first person who runs the site.
        builder.UseDefaultServiceProvider(options =>
        {
            options.ValidateScopes = true;
            options.ValidateOnBuild = true;
        });
        builder.UseSetting("Database:Provider", TestDatabase.Engine.ToString());
        builder.UseSetting("ConnectionStrings:News", ConnectionString);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Smtp:PickupDirectory", Path.Combine(DataDirectory, "mail-pickup"));
        builder.UseSetting("Site:BaseUrl", BaseUrl);
        builder.UseSetting("Site:TimeZone", "Europe/London");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddControllers().AddApplicationPart(typeof(NewsSiteFactory).Assembly);
            services.AddTransient<IStartupFilter, ClientAddressFilter>();
        });
    }

    public HttpClient CreateBrowserlessClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A scope for arranging data through the site's own DbContext, so its interceptors (cache eviction) run.</summary>
    public async Task<T> WithDbAsync<T>(Func<NewsDbContext, IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<NewsDbContext>(), scope.ServiceProvider);
    }

    public Task WithDbAsync(Func<NewsDbContext, Task> action) =>
        WithDbAsync<bool>(async (db, _) => { await action(db); return true; });

    /// <summary>The site's own log file (Serilog's daily file in the data folder), read while the site holds it open.</summary>
    public async Task<string> ReadLogAsync()
    {
        var path = Directory.GetFiles(Path.Combine(DataDirectory, "logs"), "news-*.log").Single();
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return await new StreamReader(file).ReadToEndAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (ownDatabase is not null)
        {
            TestDatabase.DropPostgresDatabase(ownDatabase);
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the run over it is not.
        }
        GC.SuppressFinalize(this);
    }
}


using NewsSite.Web.Features.Analytics;
using NewsSite.Web.Features.Imports;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Commands;
using NewsSite.Web.Infrastructure.Database.Sqlite;
using NewsSite.Web.Infrastructure.Identity;
using NewsSite.Web.Infrastructure.Security;
using NewsSite.Web.Infrastructure.Telemetry;

NativeHeap.Bound();

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // wwwroot sits at the repository root and is copied beside the binaries (see the .csproj).
    WebRootPath = WebRoot.Locate(),
});

// Logging, options, data protection, data, caching, email, identity, the reader site, the newsletter, health checks:
// see SiteComposition.AddNewsSite (shared with the benchmark tools, which run the same services without the web pipeline).
builder.AddNewsSite();

var app = builder.Build();

// Operator commands (`dotnet NewsSite.Web.dll migrate`, `backup FOLDER`, `import-wordpress FILE`, …) run with this
// configuration and exit: see SiteCommands.
if (SiteCommands.IsCommand(args))
{
    return await SiteCommands.RunAsync(app, args);
}

// The database's start-up work (migrations, key ring, first administrator) runs while the pipeline below is built.
// The settings are checked first, as the host would at its start: a bad one must stop the site before anything touches
// the database, not halfway through a migration.
app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
app.Services.GetRequiredService<DatabaseInitializer>().BeginEarly();

app.UseNewsForwardedHeaders();
app.UseNewsErrorPages();
app.UseNewsSecurityHeaders();
app.UseNewsHealthChecks();
app.UseResponseCompression();
app.UseNewsStaticFiles();
app.UseNewsRequestLogging();
app.UseLegacyRedirects();
app.UseNewsFormResume();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseNewsPageViews();
app.UseNewsCaching();
app.UseOneSqliteConnectionPerPage();

app.MapNewsMetrics();
app.MapControllers();
// Last of the endpoints: it makes them now, while the database's start-up work runs.
app.PrepareEndpoints();
app.LogStartupSummary();

await app.RunAsync();
return 0;

// The test projects start the site through WebApplicationFactory<Program>.
public partial class Program;

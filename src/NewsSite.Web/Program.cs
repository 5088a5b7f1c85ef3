using NewsSite.Web.Features.Newsletter;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Email;
using NewsSite.Web.Infrastructure.Identity;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // wwwroot sits at the repository root and is copied beside the binaries (see the .csproj).
    WebRootPath = WebRoot.Locate(),
});

builder.AddNewsLogging();
builder.AddNewsOptions();
builder.AddNewsDataProtection();
builder.AddNewsData();
builder.AddNewsCaching();
builder.AddNewsEmail();
builder.AddNewsIdentity();
builder.AddReaderSite();
builder.AddNewsletter();
builder.AddNewsHealthChecks();

var app = builder.Build();

app.UseNewsErrorPages();
app.UseNewsSecurityHeaders();
app.UseResponseCompression();
app.UseNewsStaticFiles();
app.UseNewsRequestLogging();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseNewsCaching();

app.MapNewsHealthChecks();
app.MapControllers();
app.LogStartupSummary();

app.Run();

// The test projects start the site through WebApplicationFactory<Program>.
public partial class Program;

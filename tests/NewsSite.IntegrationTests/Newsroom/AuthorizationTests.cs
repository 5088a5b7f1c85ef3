using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Admin;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.IntegrationTests.Newsroom;

[Collection(NewsroomCollection.Name)]
public sealed partial class AuthorizationTests(NewsroomFactory site)
{
    // Every newsroom endpoint and what it must demand, written out by hand: deleting any one [Authorize(Policy = …)]
    // (or [AllowAnonymous]) from a controller or an action changes what the endpoint carries, and the test below fails.
    // Keyed by method and route, so a controller moved to another folder keeps its row.
    private static readonly Dictionary<string, string> ExpectedPolicies = new()
    {
        ["GET /admin/users"] = StaffAnd(Policies.ManageUsers),
        ["POST /admin/users/invite"] = StaffAnd(Policies.ManageUsers),
        ["POST /admin/users/{id}/role"] = StaffAnd(Policies.ManageUsers),
        ["POST /admin/users/{id}/disable"] = StaffAnd(Policies.ManageUsers),
        ["POST /admin/users/{id}/enable"] = StaffAnd(Policies.ManageUsers),
        ["GET /admin/tags"] = StaffAnd(Policies.ManageSite),
        ["POST /admin/tags/{id:int}/rename"] = StaffAnd(Policies.ManageSite),
        ["POST /admin/tags/merge"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/tags/suggest"] = StaffAnd(),
        ["GET /admin/subscribers"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/subscribers/export.csv"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/analytics"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/analytics/{table}.csv"] = StaffAnd(Policies.ManageSite),
        ["POST /admin/subscribers/import"] = StaffAnd(Policies.ManageSite),
        ["POST /admin/subscribers/{id:int}/erase"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/sections"] = StaffAnd(Policies.ManageSite),
        ["POST /admin/sections/save"] = StaffAnd(Policies.ManageSite),
        ["POST /admin/sections/{id:int}/move"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/newsletters"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/newsletters/new"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/newsletters/{id:int}"] = StaffAnd(Policies.ManageSite),
        ["POST /admin/newsletters/save"] = StaffAnd(Policies.ManageSite),
        ["POST /admin/newsletters/from-article/{articleId:int}"] = StaffAnd(Policies.ManageSite, Policies.Publish),
        ["GET /admin/newsletters/{id:int}/preview"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/newsletters/{id:int}/preview.html"] = StaffAnd(Policies.ManageSite),
        ["POST /admin/newsletters/{id:int}/test"] = StaffAnd(Policies.ManageSite),
        ["POST /admin/newsletters/{id:int}/send"] = StaffAnd(Policies.ManageSite),
        ["POST /admin/newsletters/{id:int}/retry-failed"] = StaffAnd(Policies.ManageSite),
        ["POST /admin/newsletters/retry-failed"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/newsletters/suppressions"] = StaffAnd(Policies.ManageSite),
        ["POST /admin/newsletters/suppressions/add"] = StaffAnd(Policies.ManageSite),
        ["POST /admin/newsletters/suppressions/{id:int}/lift"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/newsletters/deliverability"] = StaffAnd(Policies.ManageSettings),
        ["GET /admin/export"] = StaffAnd(Policies.ExportPaper),
        ["POST /admin/export"] = StaffAnd(Policies.ExportPaper),
        ["GET /admin/newsletters/lists"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/newsletters/{id:int}/progress.json"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/newsletters/lists/new"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/newsletters/lists/{id:int}"] = StaffAnd(Policies.ManageSite),
        ["POST /admin/newsletters/lists/save"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/media"] = StaffAnd(),
        ["POST /admin/media"] = StaffAnd(),
        ["POST /admin/media/{id:int}/delete"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/media/{id:int}/edit"] = StaffAnd(),
        ["POST /admin/media/{id:int}/edit"] = StaffAnd(),
        ["POST /admin/media/upload.json"] = StaffAnd(),
        ["GET /admin/media/picker.json"] = StaffAnd(),
        ["POST /admin/media/{id:int}/details.json"] = StaffAnd(),
        ["GET /admin"] = StaffAnd(),
        ["GET /admin/audit"] = StaffAnd(Policies.ManageUsers),
        ["GET /admin/articles"] = StaffAnd(),
        ["GET /admin/articles/new"] = StaffAnd(),
        ["GET /admin/articles/{id:int}"] = StaffAnd(),
        ["POST /admin/articles/save"] = StaffAnd(),
        ["POST /admin/articles/submit"] = StaffAnd(),
        ["POST /admin/articles/publish"] = StaffAnd(Policies.Publish),
        ["POST /admin/articles/schedule"] = StaffAnd(Policies.Publish),
        ["POST /admin/articles/{id:int}/unpublish"] = StaffAnd(Policies.Publish),
        ["POST /admin/articles/{id:int}/trash"] = StaffAnd(),
        ["POST /admin/articles/{id:int}/restore"] = StaffAnd(),
        ["GET /admin/articles/{id:int}/preview"] = StaffAnd(),
        ["POST /admin/articles/preview-body"] = StaffAnd(),
        ["GET /admin/articles/{id:int}/revisions"] = StaffAnd(),
        ["GET /admin/articles/{id:int}/revisions/compare"] = StaffAnd(),
        ["POST /admin/articles/{id:int}/revisions/{number:int}/restore"] = StaffAnd(),
        ["POST /admin/articles/autosave"] = StaffAnd(),
        ["POST /admin/articles/{id:int}/presence"] = StaffAnd(),
        ["POST /admin/articles/{id:int}/working-copy/discard"] = StaffAnd(),
        ["GET /admin/session"] = StaffAnd(),
        ["GET /admin/session/signed-in"] = StaffAnd(),
        ["POST /admin/articles/{id:int}/preview-links"] = StaffAnd(),
        ["POST /admin/articles/{id:int}/preview-links/{linkId:int}/revoke"] = StaffAnd(),
        ["GET /admin/articles/{id:int}/notes"] = StaffAnd(),
        ["POST /admin/articles/{id:int}/notes"] = StaffAnd(),
        ["POST /admin/articles/{id:int}/corrections"] = StaffAnd(Policies.Publish),
        ["POST /admin/articles/{id:int}/corrections/{correctionId:int}"] = StaffAnd(Policies.Publish),
        ["POST /admin/articles/{id:int}/corrections/{correctionId:int}/delete"] = StaffAnd(Policies.Publish),
        ["POST /admin/articles/{id:int}/corrections/{correctionId:int}/send"] = StaffAnd(Policies.ManageSite, Policies.Publish),
        ["GET /admin/front-page"] = StaffAnd(Policies.Publish),
        ["POST /admin/front-page/pin"] = StaffAnd(Policies.Publish),
        ["POST /admin/front-page/{pinId:int}/move"] = StaffAnd(Policies.Publish),
        ["POST /admin/front-page/{pinId:int}/unpin"] = StaffAnd(Policies.Publish),
        ["GET /admin/profile"] = StaffAnd(),
        ["POST /admin/profile"] = StaffAnd(),
        ["GET /admin/authors"] = StaffAnd(Policies.EditAnyProfile),
        ["GET /admin/authors/{id:int}"] = StaffAnd(Policies.EditAnyProfile),
        ["POST /admin/authors/{id:int}"] = StaffAnd(Policies.EditAnyProfile),
        ["GET /admin/pages"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/pages/new"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/pages/{id:int}"] = StaffAnd(Policies.ManageSite),
        ["POST /admin/pages/save"] = StaffAnd(Policies.ManageSite),
        ["POST /admin/pages/{id:int}/delete"] = StaffAnd(Policies.ManageSite),
        ["GET /admin/settings"] = StaffAnd(Policies.ManageSettings),
        ["POST /admin/settings"] = StaffAnd(Policies.ManageSettings),
        ["GET /admin/imports"] = StaffAnd(Policies.ManageSettings),
        ["POST /admin/imports/wordpress"] = StaffAnd(Policies.ManageSettings),
        ["POST /admin/imports/ghost"] = StaffAnd(Policies.ManageSettings),
        ["GET /admin/breaking-news"] = StaffAnd(Policies.Publish),
        ["POST /admin/breaking-news"] = StaffAnd(Policies.Publish),
        ["POST /admin/breaking-news/clear"] = StaffAnd(Policies.Publish),
        // The live desk: whoever may edit the story (ArticleAccess), checked by LiveDesk per story.
        ["GET /admin/articles/{id:int}/live"] = StaffAnd(),
        ["POST /admin/articles/{id:int}/live/entries"] = StaffAnd(),
        ["POST /admin/articles/{id:int}/live/entries/{entryId:int}"] = StaffAnd(),
        ["POST /admin/articles/{id:int}/live/entries/{entryId:int}/pin"] = StaffAnd(),
        ["POST /admin/articles/{id:int}/live/entries/{entryId:int}/delete"] = StaffAnd(),
        ["POST /admin/articles/{id:int}/live/end"] = StaffAnd(),
        ["POST /admin/articles/{id:int}/live/resume"] = StaffAnd(),
        ["GET /admin/backups"] = StaffAnd(Policies.ManageSettings),
        ["POST /admin/backups/now"] = StaffAnd(Policies.ManageSettings),
        ["GET /admin/ads"] = StaffAnd(Policies.ManageAdvertising),
        ["POST /admin/ads"] = StaffAnd(Policies.ManageAdvertising),
        ["GET /admin/forgot-password"] = Anonymous,
        ["POST /admin/forgot-password"] = Anonymous,
        ["GET /admin/reset-password"] = Anonymous,
        ["GET /admin/invitation"] = Anonymous,
        ["POST /admin/reset-password"] = Anonymous,
        ["GET /admin/account"] = StaffAnd(),
        ["POST /admin/account/sign-out-everywhere"] = StaffAnd(),
        ["GET /admin/account/password"] = StaffAnd(),
        ["POST /admin/account/password"] = StaffAnd(),
        ["GET /admin/account/two-factor"] = StaffAnd(),
        ["POST /admin/account/two-factor"] = StaffAnd(),
        ["POST /admin/account/two-factor/recovery-codes"] = StaffAnd(),
        ["POST /admin/account/two-factor/disable"] = StaffAnd(),
        ["GET /admin/setup"] = Anonymous,
        ["POST /admin/setup"] = Anonymous,
        ["GET /admin/sign-in"] = Anonymous,
        ["POST /admin/sign-in"] = Anonymous,
        ["GET /admin/sign-in/two-factor"] = Anonymous,
        ["POST /admin/sign-in/two-factor"] = Anonymous,
        ["POST /admin/sign-out"] = StaffAnd(),
        ["GET /admin/resume/{key}"] = StaffAnd(),
        ["GET /admin/access-denied"] = Anonymous,
    };

    private const string Anonymous = "anonymous";

    /// <summary>The base class's Staff policy plus the controller's and action's own.</summary>
    private static string StaffAnd(params string[] policies) => string.Join("+", policies.Append(Policies.Staff).Order(StringComparer.Ordinal));

    private IReadOnlyList<(string Method, string Route, ControllerActionDescriptor Action)> AdminEndpoints()
    {
        var endpoints = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .Select(e => (Endpoint: e, Action: e.Metadata.GetMetadata<ControllerActionDescriptor>()))
            .Where(e => e.Action is not null && typeof(AdminController).IsAssignableFrom(e.Action.ControllerTypeInfo))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (method, "/" + e.Endpoint.RoutePattern.RawText!.TrimStart('/'), e.Action!)))
            .ToList();
    }

    /// <summary>
    /// What the pipeline actually enforces on an endpoint: "anonymous", or its policies (from the admin base class, the
    /// controller and the action together) sorted and joined with "+".
    /// </summary>
    private static string EffectivePolicies(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return "anonymous";
        }
        var rules = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => a.Policy ?? (a.Roles is { } roles ? $"roles:{roles}" : "(default)"))
            .Distinct().Order(StringComparer.Ordinal);
        return string.Join("+", rules);
    }

    [Fact]
    public void EveryNewsroomEndpoint_CarriesExactlyThePolicyTheTableExpects()
    {
        var endpoints = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is { } action && typeof(AdminController).IsAssignableFrom(action.ControllerTypeInfo))
            // HEAD rides along with GET on the same action.
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Where(method => method != "HEAD")
                .Select(method => (Key: $"{method} /{e.RoutePattern.RawText!.TrimStart('/')}", Actual: EffectivePolicies(e))))
            .ToList();
        Assert.True(endpoints.Count > 30, $"Only {endpoints.Count} newsroom endpoints found: the enumeration is broken.");

        var actual = endpoints.ToDictionary(e => e.Key, e => e.Actual);
        var wrong = actual.Where(e => ExpectedPolicies.GetValueOrDefault(e.Key) != e.Value)
            .Select(e => ExpectedPolicies.ContainsKey(e.Key)
                ? $"{e.Key}: expected {ExpectedPolicies[e.Key]}, carries {e.Value}"
                : $"{e.Key}: new endpoint, carries {e.Value}; add it to the table with the policy it should have")
            .Concat(ExpectedPolicies.Keys.Except(actual.Keys).Select(k => $"{k}: in the table but no such endpoint"))
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void NoFeatureChecksTheSignedInPersonsRoleByHand_ThePoliciesAreTheOnlySource()
    {
        // Who may publish, manage the site or see a button is asked of a policy (IAuthorizationService in code,
        // Authorization.AuthorizeAsync in views): a second, hand-written role list drifts from the policy it copies.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "NewsSite.sln")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        var web = Path.Combine(root.FullName, "src", "NewsSite.Web");
        var sources = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(web, "*.cshtml", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToList();
        Assert.True(sources.Count > 50, $"Only {sources.Count} source files found under {web}: the scan is broken.");

        var handWritten = sources.Where(f => File.ReadAllText(f).Contains(".IsInRole(")).Select(f => Path.GetRelativePath(web, f)).ToList();

        Assert.True(handWritten.Count == 0, $"Role checked by hand instead of by policy in: {string.Join(", ", handWritten)}");
    }

    [Fact]
    public async Task EveryNewsroomRoute_SendsASignedOutVisitorToSignIn()
    {
        var client = StaffClient.Anonymous(site);
        var checkedRoutes = 0;
        foreach (var (method, route, action) in AdminEndpoints())
        {
            if (action.MethodInfo.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
            {
                continue;
            }
            var url = RouteParameter().Replace(route, "1");
            var response = await client.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "POST" ? new FormUrlEncodedContent([]) : null });
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{method} {url} answered {(int)response.StatusCode}");
            Assert.StartsWith("https://localhost/admin/sign-in?returnUrl=", response.Headers.Location?.ToString());
            checkedRoutes++;
        }
        Assert.True(checkedRoutes > 30);
    }

    [Fact]
    public async Task EveryNewsroomPost_WithoutAntiforgeryToken_IsRefused()
    {
        var admin = await StaffClient.SignedInAsync(site, StaffRoles.Administrator);
        foreach (var (method, route, _) in AdminEndpoints().Where(e => e.Method == "POST"))
        {
            var url = RouteParameter().Replace(route, "1");
            var response = await admin.Http.PostAsync(url, new FormUrlEncodedContent([new("Title", "x")]));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {url} without a token answered {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData(StaffRoles.Writer, "/admin/users")]
    [InlineData(StaffRoles.Writer, "/admin/audit")]
    [InlineData(StaffRoles.Writer, "/admin/sections")]
    [InlineData(StaffRoles.Writer, "/admin/tags")]
    [InlineData(StaffRoles.Writer, "/admin/ads")]
    [InlineData(StaffRoles.Writer, "/admin/front-page")]
    [InlineData(StaffRoles.Writer, "/admin/pages")]
    [InlineData(StaffRoles.Writer, "/admin/authors")]
    [InlineData(StaffRoles.Editor, "/admin/users")]
    [InlineData(StaffRoles.Editor, "/admin/audit")]
    [InlineData(StaffRoles.Editor, "/admin/ads")]
    [InlineData(StaffRoles.Editor, "/admin/settings")]
    [InlineData(StaffRoles.Writer, "/admin/breaking-news")]
    [InlineData(StaffRoles.Editor, "/admin/newsletters/deliverability")]
    [InlineData(StaffRoles.Editor, "/admin/backups")]
    [InlineData(StaffRoles.Editor, "/admin/imports")]
    [InlineData(StaffRoles.Editor, "/admin/export")]
    public async Task Role_CannotOpenPagesBeyondIt(string role, string path)
    {
        var client = await StaffClient.SignedInAsync(site, role);

        var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/admin/access-denied", response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData(StaffRoles.Editor, "/admin/sections")]
    [InlineData(StaffRoles.Editor, "/admin/front-page")]
    [InlineData(StaffRoles.Administrator, "/admin/ads")]
    [InlineData(StaffRoles.Administrator, "/admin/users")]
    [InlineData(StaffRoles.Administrator, "/admin/audit")]
    [InlineData(StaffRoles.Administrator, "/admin/settings")]
    [InlineData(StaffRoles.Administrator, "/admin/backups")]
    [InlineData(StaffRoles.Administrator, "/admin/imports")]
    [InlineData(StaffRoles.Administrator, "/admin/export")]
    [InlineData(StaffRoles.Editor, "/admin/breaking-news")]
    [InlineData(StaffRoles.Writer, "/admin/articles/new")]
    [InlineData(StaffRoles.Writer, "/admin/media")]
    [InlineData(StaffRoles.Writer, "/admin/profile")]
    [InlineData(StaffRoles.Editor, "/admin/pages")]
    [InlineData(StaffRoles.Editor, "/admin/pages/new")]
    [InlineData(StaffRoles.Editor, "/admin/authors")]
    public async Task Role_CanOpenItsOwnPages(string role, string path)
    {
        var client = await StaffClient.SignedInAsync(site, role);

        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Writer_CannotPublish_NorTrashSomeoneElsesStory()
    {
        var writer = await StaffClient.SignedInAsync(site, StaffRoles.Writer);
        var others = await new ArticleBuilder().Draft().SaveAsync(site);

        var publish = await writer.PostFormAsync("/admin/articles/publish", ArticleFields.For(others.Id, 0, "Sneaky", others.SectionId));
        var trash = await writer.PostFormAsync($"/admin/articles/{others.Id}/trash", []);
        var edit = await writer.PostFormAsync("/admin/articles/save", ArticleFields.For(others.Id, 0, "Sneaky", others.SectionId));

        Assert.StartsWith("https://localhost/admin/access-denied", publish.Headers.Location?.ToString());
        // A story a writer may not read is "not found" to every action, as it is to reading.
        Assert.Equal(HttpStatusCode.NotFound, trash.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var stored = await site.WithDbAsync((db, _) => Task.FromResult(db.Articles.Single(a => a.Id == others.Id)));
        Assert.Equal(others.Title, stored.Title);
        Assert.Null(stored.DeletedAt);
    }

    // The Prometheus endpoint is no newsroom page: it does not send anyone to sign in, it is simply not there for
    // those who may not read it (Policies.ReadMetrics; the scrapers' networks are MetricsTests').
    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData(StaffRoles.Writer, HttpStatusCode.NotFound)]
    [InlineData(StaffRoles.Editor, HttpStatusCode.NotFound)]
    [InlineData(StaffRoles.Administrator, HttpStatusCode.OK)]
    public async Task Metrics_AreReadOnlyByAdministrators(string? role, HttpStatusCode expected)
    {
        var client = role is null ? StaffClient.Anonymous(site) : await StaffClient.SignedInAsync(site, role);

        var response = await client.Http.GetAsync("/metrics");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK, (await response.Content.ReadAsStringAsync()).Contains("newssite_data_disk_free_bytes"));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{[^}]+\}")]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();
}

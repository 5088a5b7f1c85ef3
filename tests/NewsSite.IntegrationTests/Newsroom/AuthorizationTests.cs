using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Admin;

namespace NewsSite.IntegrationTests.Newsroom;

[Collection(NewsroomCollection.Name)]
public sealed partial class AuthorizationTests(NewsroomFactory site)
{
    // The only newsroom pages a signed-out person may reach.
    private static readonly HashSet<string> PublicActions =
    [
        "SignInController.SignIn", "SignInController.TwoFactor", "SignInController.AccessDenied",
        "PasswordController.Forgot", "PasswordController.Reset", "PasswordController.Invitation", "PasswordController.SetPassword",
        "SetupController.Setup",
    ];

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

    [Fact]
    public void EveryNewsroomAction_NamesAPolicy_OrIsOnTheShortPublicList()
    {
        var actions = AdminEndpoints().Select(e => e.Action).DistinctBy(a => a.MethodInfo).ToList();
        Assert.True(actions.Count > 30, $"Only {actions.Count} newsroom actions found: the enumeration is broken.");

        foreach (var action in actions)
        {
            var name = $"{action.ControllerTypeInfo.Name}.{action.MethodInfo.Name}";
            var anonymous = action.MethodInfo.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
            if (anonymous)
            {
                Assert.Contains(name, PublicActions);
                continue;
            }
            var policies = action.ControllerTypeInfo.GetCustomAttributes<AuthorizeAttribute>(inherit: true)
                .Concat(action.MethodInfo.GetCustomAttributes<AuthorizeAttribute>())
                .Select(a => a.Policy).Where(p => !string.IsNullOrEmpty(p)).ToList();
            Assert.True(policies.Count > 0, $"{name} has no authorization policy");
        }
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
    [InlineData(StaffRoles.Editor, "/admin/users")]
    [InlineData(StaffRoles.Editor, "/admin/audit")]
    [InlineData(StaffRoles.Editor, "/admin/ads")]
    public async Task Role_CannotOpenPagesBeyondIt(string role, string path)
    {
        var client = await StaffClient.SignedInAsync(site, role);

        var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/admin/access-denied", response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData(StaffRoles.Editor, "/admin/sections")]
    [InlineData(StaffRoles.Administrator, "/admin/ads")]
    [InlineData(StaffRoles.Administrator, "/admin/users")]
    [InlineData(StaffRoles.Administrator, "/admin/audit")]
    [InlineData(StaffRoles.Writer, "/admin/articles/new")]
    [InlineData(StaffRoles.Writer, "/admin/media")]
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

    [System.Text.RegularExpressions.GeneratedRegex(@"\{[^}]+\}")]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();
}

using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace NewsSite.Web.Infrastructure;

/// <summary>
/// Views live in the folder of their controller's namespace: NewsSite.Web.Features.Admin.Articles →
/// /Features/Admin/Articles/. Then the nearest Shared folders up the tree, ending at /Features/Shared/. A newsroom
/// controller outside Admin/ (the newsletter's issues and subscribers) also finds the newsroom's shared views.
/// </summary>
public sealed class FeatureFolderViewLocations : IViewLocationExpander
{
    private const string Key = "feature";
    private const string NewsroomKey = "newsroom";
    private const string NewsroomShared = "/Features/Admin/Shared/{0}.cshtml";
    private const string RootNamespace = "NewsSite.Web.";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action &&
            action.ControllerTypeInfo.Namespace is { } ns && ns.StartsWith(RootNamespace + "Features", StringComparison.Ordinal))
        {
            context.Values[Key] = ns[RootNamespace.Length..].Replace('.', '/');
            context.Values[NewsroomKey] = action.ControllerTypeInfo.IsSubclassOf(typeof(Features.Admin.AdminController)) ? "1" : null;
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        if (!context.Values.TryGetValue(Key, out var folder) || folder is null)
        {
            return ["/Features/Shared/{0}.cshtml"];
        }
        var locations = new List<string> { $"/{folder}/{{0}}.cshtml" };
        // Walk up: Features/Admin/Articles → Features/Admin/Shared → Features/Shared.
        for (var parent = Path.GetDirectoryName(folder)?.Replace('\\', '/'); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent)?.Replace('\\', '/'))
        {
            locations.Add($"/{parent}/Shared/{{0}}.cshtml");
        }
        if (context.Values.TryGetValue(NewsroomKey, out var newsroom) && newsroom is not null && !locations.Contains(NewsroomShared))
        {
            locations.Insert(locations.Count - 1, NewsroomShared);
        }
        return locations;
    }
}

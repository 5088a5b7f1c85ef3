namespace NewsSite.Web.Features.Admin.Shared;

/// <summary>The title of a newsroom page; admin view models expose it for the layout.</summary>
public interface IAdminPage
{
    string Title { get; }
}

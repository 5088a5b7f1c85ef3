namespace NewsSite.Web.Infrastructure;

public static class WebRoot
{
    /// <summary>
    /// The copy of the repository's wwwroot beside the binaries (dotnet run, tests, a published build).
    /// Null where there is none, such as under the EF design-time tools, so the host falls back to its default.
    /// </summary>
    public static string? Locate()
    {
        var besideBinaries = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return Directory.Exists(besideBinaries) ? besideBinaries : null;
    }
}

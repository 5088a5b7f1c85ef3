namespace NewsSite.Web.Features.Shared;

/// <summary>Builds page links that keep the rest of the query string, so "page 2 of a search" stays a search.</summary>
public static class PageLinks
{
    public static string For(string path, int page, IEnumerable<KeyValuePair<string, string?>>? query = null)
    {
        var parameters = (query ?? []).Where(p => p.Key != "page" && !string.IsNullOrEmpty(p.Value)).ToList();
        if (page > 1)
        {
            parameters.Add(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return parameters.Count == 0 ? path : Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, parameters);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsSite.Web.Infrastructure;

/// <summary>
/// Matches slug-shaped route values (letters, digits and hyphens), so "/{section}/{slug}" never claims a file path
/// like "/css/site.css". Upper case is allowed here and redirected to the lower-case address by the controllers.
/// </summary>
public sealed partial class SlugRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) &&
        Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 and <= 200 } text &&
        Slug().IsMatch(text);

    [GeneratedRegex("^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")]
    private static partial Regex Slug();
}

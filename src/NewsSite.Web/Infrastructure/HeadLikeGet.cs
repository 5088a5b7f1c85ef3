using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;

namespace NewsSite.Web.Infrastructure;

/// <summary>
/// Every GET action answers HEAD too (RFC 9110: HEAD is GET without the body). Uptime monitors and link checkers use
/// HEAD, and MVC's [HttpGet] alone answers it with 405. Kestrel sends no body for HEAD; the headers are GET's.
/// </summary>
public sealed class HeadLikeGet : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        foreach (var selector in action.Selectors)
        {
            if (selector.ActionConstraints.OfType<HttpMethodActionConstraint>().FirstOrDefault() is not { } constraint ||
                !constraint.HttpMethods.Contains(HttpMethods.Get) || constraint.HttpMethods.Contains(HttpMethods.Head))
            {
                continue;
            }
            string[] methods = [.. constraint.HttpMethods, HttpMethods.Head];
            selector.ActionConstraints.Remove(constraint);
            selector.ActionConstraints.Add(new HttpMethodActionConstraint(methods));
            var metadata = selector.EndpointMetadata.OfType<HttpMethodMetadata>().ToList();
            foreach (var item in metadata)
            {
                selector.EndpointMetadata.Remove(item);
            }
            selector.EndpointMetadata.Add(new HttpMethodMetadata(methods));
        }
    }
}

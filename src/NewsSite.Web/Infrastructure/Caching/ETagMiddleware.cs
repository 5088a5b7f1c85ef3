using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace NewsSite.Web.Infrastructure.Caching;

/// <summary>
/// Gives public GET responses a weak ETag from a hash of their bytes and answers a matching If-None-Match with 304.
/// It sits inside the output cache, so a cached page keeps its ETag and the cache itself answers conditional requests;
/// with the cache off, this answers them. Weak, because compression changes the bytes on the wire but not the page.
/// </summary>
public sealed class ETagMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Only public pages (those with an output-cache policy): admin pages are private and never revalidated.
        if ((!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)) ||
            context.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>() is null)
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK && !response.Headers.ContainsKey(HeaderNames.CacheControl))
        {
            // What the server intends: anyone may keep a copy, but must ask again before using it (a cheap 304), because
            // a correction or an unpublished story changes the page at once and the server evicts its own copy then.
            response.Headers.CacheControl = "public, no-cache";
        }
        if (response.StatusCode == StatusCodes.Status200OK && !response.Headers.ContainsKey(HeaderNames.ETag) && !response.Headers.ContainsKey(HeaderNames.SetCookie))
        {
            var hash = SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(hash.AsSpan(0, 12))}\"", isWeak: true);
            response.Headers.ETag = etag.ToString();

            if (context.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } ifNoneMatch &&
                ifNoneMatch.Any(candidate => candidate.Compare(etag, useStrongComparison: false) || candidate.Equals(EntityTagHeaderValue.Any)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                return;
            }
        }

        if (buffer.Length > 0)
        {
            response.ContentLength ??= buffer.Length;
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }
    }
}

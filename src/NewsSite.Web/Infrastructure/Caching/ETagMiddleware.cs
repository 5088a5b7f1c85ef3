using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.IO;
using Microsoft.Net.Http.Headers;

namespace NewsSite.Web.Infrastructure.Caching;

/// <summary>
/// Gives public GET responses a weak ETag from a hash of their bytes and answers a matching If-None-Match with 304.
/// It sits inside the output cache, so a cached page keeps its ETag and the cache itself answers conditional requests;
/// with the cache off, this answers them. Weak, because compression changes the bytes on the wire but not the page.
/// </summary>
public sealed class ETagMiddleware(RequestDelegate next)
{
    // Each render is held whole until its hash is known. A MemoryStream doubled its way up to the page's size, copying
    // as it went: for a 50 KB front page, about 60 KB allocated per render, 8 % of the render's allocations. Pooled
    // 16 KB blocks instead, of which the pool keeps at most 2 MB spare (enough for the renders of a busy moment).
    private static readonly RecyclableMemoryStreamManager Buffers = new(new RecyclableMemoryStreamManager.Options
    {
        BlockSize = 16 * 1024,
        MaximumSmallPoolFreeBytes = 2 * 1024 * 1024,
        // Per size of large buffer: used only by GetBuffer, which this does not call; bounded all the same.
        MaximumLargePoolFreeBytes = 1024 * 1024,
    });

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
        // A fixed id: the parameterless overload draws a random one for every stream, a getrandom call per page. The
        // id only names the stream in the library's diagnostic events, its ToString and a disposed stream's
        // exception; with it fixed, those events cannot be paired stream by stream (nothing here listens to them).
        using var buffer = Buffers.GetStream(Guid.Empty);
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
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var block in buffer.GetReadOnlySequence())
            {
                sha256.AppendData(block.Span);
            }
            var hash = sha256.GetHashAndReset();
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

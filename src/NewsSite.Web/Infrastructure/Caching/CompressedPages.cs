namespace NewsSite.Web.Infrastructure.Caching;

/// <summary>
/// Cached pages are stored compressed (HostingSetup.UseNewsCaching), so one page has a copy per encoding. Browsers
/// word Accept-Encoding in many ways; the copies are keyed by the encoding the compression middleware will choose
/// (Brotli before gzip, as its providers are registered), not by the header's text.
/// </summary>
public static class CompressedPages
{
    public static KeyValuePair<string, string> VaryKey(HttpContext context)
    {
        var accepted = context.Request.GetTypedHeaders().AcceptEncoding;
        bool Accepts(string encoding) => accepted.Any(a =>
            (string.Equals(a.Value.Value, encoding, StringComparison.OrdinalIgnoreCase) || a.Value.Value == "*") && (a.Quality ?? 1) > 0);
        return new("encoding", Accepts("br") ? "br" : Accepts("gzip") ? "gzip" : "identity");
    }
}

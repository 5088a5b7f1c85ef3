using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Sitemaps;

[OutputCache(PolicyName = CacheTags.PublicPagePolicy), CachedUnder(CacheTags.Sitemaps)]
public sealed class SitemapsController(SitemapReader reader, PageMetaFactory meta) : Controller
{
    private static readonly XNamespace Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";

    /// <summary>The sitemap index: one file of pages and as many files of articles as the archive needs.</summary>
    [HttpGet("/sitemap.xml")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var files = await reader.ArticleFileCountAsync(cancellationToken);
        var lastChange = await reader.LastChangeAsync(cancellationToken);
        var paths = new[] { SiteUrls.SitemapOfPages }.Concat(Enumerable.Range(1, files).Select(SiteUrls.SitemapOfArticles));
        var index = new XElement(Ns + "sitemapindex",
            paths.Select(p => new XElement(Ns + "sitemap", new XElement(Ns + "loc", meta.Absolute(p)), LastMod(lastChange))));
        return Xml(index);
    }

    [HttpGet("/sitemap-pages.xml")]
    public async Task<IActionResult> Pages(CancellationToken cancellationToken) =>
        Xml(UrlSet(await reader.PagesAsync(cancellationToken)));

    [HttpGet("/sitemap-articles-{file:int:min(1)}.xml")]
    public async Task<IActionResult> Articles(int file, CancellationToken cancellationToken)
    {
        if (file > await reader.ArticleFileCountAsync(cancellationToken))
        {
            return NotFound();
        }
        return Xml(UrlSet(await reader.ArticlesAsync(file, cancellationToken)));
    }

    [HttpGet("/news-sitemap.xml")]
    public async Task<IActionResult> News(CancellationToken cancellationToken)
    {
        var entries = await reader.RecentNewsAsync(cancellationToken);
        var urlset = new XElement(Ns + "urlset", new XAttribute(XNamespace.Xmlns + "news", NewsNs),
            entries.Select(e => new XElement(Ns + "url",
                new XElement(Ns + "loc", meta.Absolute(e.Path)),
                new XElement(NewsNs + "news",
                    new XElement(NewsNs + "publication",
                        new XElement(NewsNs + "name", meta.Site.Name),
                        new XElement(NewsNs + "language", "en")),
                    new XElement(NewsNs + "publication_date", StructuredData.Iso(e.PublishedAt)),
                    new XElement(NewsNs + "title", e.Title)))));
        return Xml(urlset);
    }

    [HttpGet("/robots.txt")]
    public IActionResult Robots()
    {
        var text = new StringBuilder()
            .AppendLine("User-agent: *")
            .AppendLine("Disallow: /admin")
            .AppendLine("Disallow: /search")
            .AppendLine()
            .AppendLine($"Sitemap: {meta.Absolute(SiteUrls.Sitemap)}")
            .AppendLine($"Sitemap: {meta.Absolute(SiteUrls.NewsSitemap)}")
            .ToString();
        return Content(text, "text/plain; charset=utf-8");
    }

    private XElement UrlSet(IEnumerable<SitemapEntry> entries) =>
        new(Ns + "urlset", entries.Select(e => new XElement(Ns + "url", new XElement(Ns + "loc", meta.Absolute(e.Path)), LastMod(e.LastModified))));

    private static XElement? LastMod(DateTime? utc) => utc is null ? null : new XElement(Ns + "lastmod", StructuredData.Iso(utc.Value));

    private FileContentResult Xml(XElement root)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
        }
        return File(stream.ToArray(), "application/xml; charset=utf-8");
    }
}

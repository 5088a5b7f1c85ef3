using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.Web.Features.Pages;

public sealed record PublishedPage(PageKind Kind, string Title, string Slug, bool ShowInFooter, int FooterPosition)
{
    public string Url => SiteUrls.Page(Slug);
}

public sealed record StaticPageView(string Title, string Slug, string BodyHtml, DateTime UpdatedAt)
{
    public string Url => SiteUrls.Page(Slug);
}

/// <summary>
/// The static pages as readers meet them: one page, the footer's links, the paper's policies in its JSON-LD. The lists are read on every page, so they are memos kept until the next content change.
/// </summary>
public sealed class PublicPages(NewsDbContext db, ContentCache contentCache, CurrentSite currentSite)
{
    public async Task<StaticPageView?> FindAsync(string slug, CancellationToken cancellationToken) =>
        await db.StaticPages.AsNoTracking().Where(p => p.Slug == slug && p.IsPublished)
            .Select(p => new StaticPageView(p.Title, p.Slug, p.BodyHtml, p.UpdatedAt)).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<PublishedPage>> PublishedAsync(CancellationToken cancellationToken) =>
        await contentCache.GetOrLoadAsync("pages:published", async () =>
            (IReadOnlyList<PublishedPage>)await db.StaticPages.AsNoTracking().Where(p => p.IsPublished)
                .OrderBy(p => p.FooterPosition).ThenBy(p => p.Title)
                .Select(p => new PublishedPage(p.Kind, p.Title, p.Slug, p.ShowInFooter, p.FooterPosition)).ToListAsync(cancellationToken));

    public async Task<IReadOnlyList<PublishedPage>> FooterAsync(CancellationToken cancellationToken) =>
        (await PublishedAsync(cancellationToken)).Where(p => p.ShowInFooter).ToList();

    /// <summary>The paper as publisher, with the absolute address of each published policy page by schema.org property.</summary>
    public async Task<StructuredData.Publisher> PublisherAsync(CancellationToken cancellationToken)
    {
        var options = await currentSite.GetAsync(cancellationToken);
        var policies = new Dictionary<string, string>();
        var pages = await PublishedAsync(cancellationToken);
        foreach (var page in pages)
        {
            if (PageKinds.SchemaProperty(page.Kind) is { } property)
            {
                policies[property] = options.AbsoluteUrl(page.Url).ToString();
            }
        }
        // The ethics policy is the paper's publishing principles when it has no page by that name (Google reads
        // publishingPrinciples first).
        if (!policies.ContainsKey("publishingPrinciples") && policies.TryGetValue("ethicsPolicy", out var ethics))
        {
            policies["publishingPrinciples"] = ethics;
        }
        return new StructuredData.Publisher(options.Name, options.AbsoluteUrl(SiteUrls.Home).ToString(), options.AbsoluteUrl(options.LogoPath ?? SiteUrls.Logo).ToString())
        {
            Policies = policies,
        };
    }
}

using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Admin.Articles;
using NewsSite.Web.Features.Admin.Shared;
using NewsSite.Web.Features.Pages;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.Web.Features.Admin.Pages;

public sealed record PageForm
{
    public int? Id { get; init; }

    /// <summary>The version the form was opened at: a save over someone else's newer one is refused.</summary>
    public int Version { get; init; }

    [Required(ErrorMessage = "Give the page a title."), StringLength(200)]
    public string Title { get; init; } = "";

    [StringLength(100), RegularExpression("^[a-z0-9]+(?:-[a-z0-9]+)*$", ErrorMessage = "Use lower-case letters, digits and single hyphens only.")]
    public string? Slug { get; init; }

    public PageKind Kind { get; init; }

    [StringLength(50000)]
    public string? Body { get; init; }

    public bool IsPublished { get; init; }

    public bool ShowInFooter { get; init; }

    [Range(0, 1000)]
    public int FooterPosition { get; init; }
}

public sealed record PageRow(int Id, string Title, string Slug, PageKind Kind, bool IsPublished, bool ShowInFooter, int FooterPosition, DateTime UpdatedAt, string UpdatedByName)
{
    public string EditUrl => AdminUrls.Page(Id);
    public string PublicUrl => SiteUrls.Page(Slug);
}

public sealed record PagesList(IReadOnlyList<PageRow> Pages) : IAdminPage
{
    public string Title => "Pages";
}

public sealed record PageEditPage(PageForm Form) : IAdminPage
{
    public string Title => Form.Id is null ? "New page" : "Edit page";
}

/// <summary>A page change: done (with the page's id), refused with a message, or about a page that does not exist.</summary>
public sealed record PageResult(int Id = 0, string? Problem = null, bool NotFound = false);

/// <summary>The newsroom's static pages: list, create, edit and delete; bodies go through the articles' Markdown renderer and sanitiser.</summary>
public sealed class PageEditor(NewsDbContext db, ArticleBodyRenderer renderer, AuditTrail audit, TimeProvider clock)
{
    public async Task<PagesList> ListAsync(CancellationToken cancellationToken) =>
        new(await db.StaticPages.AsNoTracking().OrderBy(p => p.FooterPosition).ThenBy(p => p.Title)
            .Select(p => new PageRow(p.Id, p.Title, p.Slug, p.Kind, p.IsPublished, p.ShowInFooter, p.FooterPosition, p.UpdatedAt, p.UpdatedByName))
            .ToListAsync(cancellationToken));

    public async Task<PageForm?> FormAsync(int id, CancellationToken cancellationToken) =>
        await db.StaticPages.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new PageForm
            {
                Id = p.Id, Version = p.Version, Title = p.Title, Slug = p.Slug, Kind = p.Kind, Body = p.BodyMarkdown,
                IsPublished = p.IsPublished, ShowInFooter = p.ShowInFooter, FooterPosition = p.FooterPosition,
            })
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<PageResult> SaveAsync(PageForm form, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var page = form.Id is { } id ? await db.StaticPages.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) : null;
        if (form.Id is not null && page is null)
        {
            return new PageResult(NotFound: true);
        }
        if (page is not null && page.Version != form.Version)
        {
            return Stale(page.UpdatedByName);
        }
        if (!Enum.IsDefined(form.Kind))
        {
            return new PageResult(Problem: "Choose what kind of page this is.");
        }
        var slug = Text.Slugify(string.IsNullOrWhiteSpace(form.Slug) ? form.Title : form.Slug);
        if (slug.Length == 0)
        {
            return new PageResult(Problem: "The title has no letters or digits to make an address from; type an address.");
        }
        if (await db.StaticPages.AnyAsync(p => p.Slug == slug && p.Id != form.Id, cancellationToken))
        {
            return new PageResult(Problem: $"Another page already has the address {SiteUrls.Page(slug)}; choose another.");
        }
        // The paper's JSON-LD names one page per policy: two ethics policies would leave readers (and checkers) guessing.
        if (form.Kind != PageKind.Other &&
            await db.StaticPages.Where(p => p.Kind == form.Kind && p.Id != form.Id).Select(p => p.Title).FirstOrDefaultAsync(cancellationToken) is { } holder)
        {
            return new PageResult(Problem: $"“{holder}” is already the site's {PageKinds.Name(form.Kind)} page. Each kind of page can be used once (choose “Other page”, or change that page first).");
        }
        if (renderer.TryRender(form.Body ?? "") is not { } body)
        {
            return new PageResult(Problem: "The text is nested too deeply to show (quotes inside quotes inside quotes…); simplify it.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (page is null)
        {
            page = new StaticPage { Title = form.Title.Trim(), Slug = slug, CreatedAt = now };
            db.StaticPages.Add(page);
        }
        page.Title = form.Title.Trim();
        page.Slug = slug;
        page.Kind = form.Kind;
        page.BodyMarkdown = form.Body ?? "";
        page.BodyHtml = body.Html;
        page.IsPublished = form.IsPublished;
        page.ShowInFooter = form.ShowInFooter;
        page.FooterPosition = form.FooterPosition;
        page.UpdatedAt = now;
        page.UpdatedByName = await db.DisplayNameOfAsync(user, cancellationToken);
        page.Version++;
        audit.Record(form.Id is null ? AuditActions.PageCreated : AuditActions.PageEdited, $"page {page.Title}",
            $"address {SiteUrls.Page(slug)}, {PageKinds.Name(page.Kind)}, {(page.IsPublished ? "published" : "not published")}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var by = await db.StaticPages.AsNoTracking().Where(p => p.Id == page.Id).Select(p => p.UpdatedByName).FirstOrDefaultAsync(cancellationToken);
            return Stale(by ?? "someone");
        }
        return new PageResult(page.Id);
    }

    public async Task<string?> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var page = await db.StaticPages.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (page is null)
        {
            return null;
        }
        db.StaticPages.Remove(page);
        audit.Record(AuditActions.PageDeleted, $"page {page.Title}", $"was at {SiteUrls.Page(page.Slug)}");
        await db.SaveChangesAsync(cancellationToken);
        return page.Title;
    }

    private static PageResult Stale(string by) =>
        new(Problem: $"{by} saved this page after you opened it, so your save would undo their changes. Copy your text, reload the page to see theirs, and make your changes again.");
}

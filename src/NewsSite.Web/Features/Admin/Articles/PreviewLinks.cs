using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Auditing;

namespace NewsSite.Web.Features.Admin.Articles;

public sealed record PreviewLinkRow(int Id, DateTime CreatedAt, string CreatedByName, DateTime ExpiresAt, string Url);

/// <summary>What the editor's side panel shows: the story's live links and the lifetimes a new one may have.</summary>
public sealed record PreviewLinksPanel(int ArticleId, IReadOnlyList<PreviewLinkRow> Links)
{
    public const int DefaultDays = 7;

    public static readonly IReadOnlyList<(int Days, string Label)> Lifetimes = [(1, "1 day"), (DefaultDays, "7 days"), (30, "30 days")];
}

/// <summary>
/// Links that show a story to someone without an account. The token is the row's id, signed by the shared key ring
/// (so any node reads it) with the link's expiry inside; the row is still read on every request, so revoking or
/// expiring a link closes it at once, whatever the token says.
/// </summary>
public sealed class PreviewLinks(NewsDbContext db, ArticleAccess access, IDataProtectionProvider protection, AuditTrail audit, TimeProvider clock, IOptions<SiteOptions> site)
{
    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("NewsSite.PreviewLink.v1").ToTimeLimitedDataProtector();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The story's links that still work, or null when this person may not read the story.</summary>
    public async Task<PreviewLinksPanel?> PanelAsync(int articleId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await ReadableAsync(articleId, user, cancellationToken))
        {
            return null;
        }
        var now = Now;
        var links = await db.PreviewLinks.AsNoTracking()
            .Where(l => l.ArticleId == articleId && l.RevokedAt == null && l.ExpiresAt > now)
            .OrderByDescending(l => l.CreatedAt)
            .Select(l => new { l.Id, l.CreatedAt, l.CreatedByName, l.ExpiresAt })
            .ToListAsync(cancellationToken);
        // The token is not stored: signing the id again gives another token for the same link, revoked with it.
        return new PreviewLinksPanel(articleId, links.Select(l => new PreviewLinkRow(l.Id, l.CreatedAt, l.CreatedByName, l.ExpiresAt, UrlOf(l.Id, l.ExpiresAt))).ToList());
    }

    /// <summary>Creates a link for <paramref name="days"/> days (one of the offered lifetimes). False when the story is not the person's to share.</summary>
    public async Task<bool> CreateAsync(int articleId, int days, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await ReadableAsync(articleId, user, cancellationToken))
        {
            return false;
        }
        if (PreviewLinksPanel.Lifetimes.All(l => l.Days != days))
        {
            days = PreviewLinksPanel.DefaultDays;
        }
        var link = new PreviewLink
        {
            ArticleId = articleId,
            CreatedAt = Now,
            CreatedByUserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
            CreatedByName = await db.DisplayNameOfAsync(user, cancellationToken),
            ExpiresAt = Now.AddDays(days),
        };
        db.PreviewLinks.Add(link);
        audit.Record(AuditActions.PreviewLinkCreated, $"article {articleId}", $"expires {link.ExpiresAt:u}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Revokes one of the story's links. False when the story or the link is not found for this person.</summary>
    public async Task<bool> RevokeAsync(int articleId, int linkId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await ReadableAsync(articleId, user, cancellationToken))
        {
            return false;
        }
        var link = await db.PreviewLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.ArticleId == articleId, cancellationToken);
        if (link is null)
        {
            return false;
        }
        link.RevokedAt ??= Now;
        audit.Record(AuditActions.PreviewLinkRevoked, $"article {articleId}", $"link {linkId}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The story a token opens, or null: a token that was tampered with, a revoked or expired link, a story in the trash.</summary>
    public async Task<int?> ArticleOfAsync(string token, CancellationToken cancellationToken)
    {
        int id;
        try
        {
            id = int.Parse(protector.Unprotect(token, out _), NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or OverflowException)
        {
            return null;
        }
        var now = Now;
        return await db.PreviewLinks.AsNoTracking()
            .Where(l => l.Id == id && l.RevokedAt == null && l.ExpiresAt > now && l.Article.DeletedAt == null)
            .Select(l => (int?)l.ArticleId)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private string UrlOf(int linkId, DateTime expiresAt) =>
        site.Value.AbsoluteUrl(SiteUrls.Preview(protector.Protect(linkId.ToString(CultureInfo.InvariantCulture), new DateTimeOffset(DateTime.SpecifyKind(expiresAt, DateTimeKind.Utc))))).ToString();

    private async Task<bool> ReadableAsync(int articleId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await db.Articles.Where((await access.RightsOfAsync(user)).Readable).AnyAsync(a => a.Id == articleId && a.DeletedAt == null, cancellationToken);

}

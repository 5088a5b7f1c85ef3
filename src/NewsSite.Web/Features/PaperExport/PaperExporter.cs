using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter.Deliverability;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Media;

namespace NewsSite.Web.Features.PaperExport;

/// <summary>
/// Writes the whole paper in the export format (docs/export-format.md). Rows are read in batches by id, untracked,
/// and written as they come, so a paper of 100,000 stories never sits in memory; media files are copied from the
/// store one at a time.
/// </summary>
public sealed class PaperExporter(NewsDbContext db, IMediaStorage storage, CurrentSite site, AuditTrail audit, TimeProvider clock,
    IOptions<PaperExportOptions> options, ILogger<PaperExporter> logger)
{
    private int BatchSize => options.Value.BatchSize;

    /// <summary>What an export would hold now, for the administrators' page.</summary>
    public async Task<IReadOnlyList<(string What, long Count)>> ContentsAsync(CancellationToken cancellationToken) =>
    [
        ("stories", await db.Articles.LongCountAsync(cancellationToken)),
        ("revisions", await db.ArticleRevisions.LongCountAsync(cancellationToken)),
        ("static pages", await db.StaticPages.LongCountAsync(cancellationToken)),
        ("images", await db.Media.LongCountAsync(cancellationToken)),
        ("newsletters", await db.Newsletters.LongCountAsync(cancellationToken)),
        ("subscribers", await db.Subscribers.LongCountAsync(cancellationToken)),
        ("consent records", await db.ConsentEvents.LongCountAsync(cancellationToken)),
    ];

    /// <summary>Audited before the first byte leaves: an export holds every subscriber's address.</summary>
    public async Task RecordExportAsync(string? actorName, string where, CancellationToken cancellationToken)
    {
        audit.Record(AuditActions.PaperExported, where, actorName: actorName);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    public async Task<ExportManifest> ExportAsync(ExportWriter writer, CancellationToken cancellationToken)
    {
        var exportedAt = clock.GetUtcNow().UtcDateTime;
        var identity = await site.GetAsync(cancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        Action<long> Count(string kind) => n => counts[kind] = n;

        await writer.WriteLinesAsync(ExportFormat.Settings, SettingsAsync(cancellationToken), Count("settings"), cancellationToken);
        await writer.WriteLinesAsync(ExportFormat.Sections, SectionsAsync(cancellationToken), Count("sections"), cancellationToken);
        await writer.WriteLinesAsync(ExportFormat.Tags, TagsAsync(cancellationToken), Count("tags"), cancellationToken);
        await writer.WriteLinesAsync(ExportFormat.Authors, AuthorsAsync(cancellationToken), Count("authors"), cancellationToken);
        await writer.WriteLinesAsync(ExportFormat.Media, MediaAsync(cancellationToken), Count("media"), cancellationToken);
        await writer.WriteLinesAsync(ExportFormat.Articles, ArticlesAsync(cancellationToken), Count("articles"), cancellationToken);
        await writer.WriteLinesAsync(ExportFormat.Revisions, RevisionsAsync(cancellationToken), Count("revisions"), cancellationToken);
        await writer.WriteLinesAsync(ExportFormat.Pages, PagesAsync(cancellationToken), Count("pages"), cancellationToken);
        await writer.WriteLinesAsync(ExportFormat.Newsletters, NewslettersAsync(cancellationToken), Count("newsletters"), cancellationToken);
        await writer.WriteLinesAsync(ExportFormat.Issues, IssuesAsync(cancellationToken), Count("issues"), cancellationToken);
        await writer.WriteLinesAsync(ExportFormat.Subscribers, SubscribersAsync(cancellationToken), Count("subscribers"), cancellationToken);
        await writer.WriteLinesAsync(ExportFormat.Consent, ConsentAsync(cancellationToken), Count("consent"), cancellationToken);
        await writer.WriteLinesAsync(ExportFormat.Suppressions, SuppressionsAsync(cancellationToken), Count("suppressions"), cancellationToken);
        await writer.WriteLinesAsync(ExportFormat.Redirects, RedirectsAsync(cancellationToken), Count("redirects"), cancellationToken);
        await WriteAddressKeyAsync(writer, cancellationToken);

        var missing = new List<string>();
        long mediaFiles = 0;
        // A second pass over the library, after the lines: zip entries are written one at a time.
        await foreach (var item in BatchesAsync(db.Media.AsNoTracking().OrderBy(m => m.Id), m => m.Id, (q, last) => q.Where(m => m.Id > last), cancellationToken))
        {
            foreach (var path in FilesOf(item))
            {
                if (await CopyMediaFileAsync(writer, path, cancellationToken))
                {
                    mediaFiles++;
                }
                else
                {
                    missing.Add(path);
                }
            }
        }
        counts["mediaFiles"] = mediaFiles;
        if (missing.Count > 0)
        {
            logger.LogWarning("Export: {Count} media files were missing from the store and are not in the export", missing.Count);
        }

        var manifest = new ExportManifest(ExportFormat.Name, ExportFormat.Version, exportedAt, identity.Name, identity.BaseUrl, counts, missing, [.. writer.Files]);
        await writer.WriteManifestAsync(manifest, cancellationToken);
        logger.LogInformation("Exported the paper: {Articles} articles, {Revisions} revisions, {MediaFiles} media files, {Subscribers} subscribers",
            counts["articles"], counts["revisions"], mediaFiles, counts["subscribers"]);
        return manifest;
    }

    private async Task<bool> CopyMediaFileAsync(ExportWriter writer, string exportPath, CancellationToken cancellationToken)
    {
        var file = storage.Files.GetFileInfo(exportPath[ExportFormat.MediaFolder.Length..]);
        if (!file.Exists || file.IsDirectory)
        {
            return false;
        }
        await using var input = file.CreateReadStream();
        await using var output = await writer.CreateAsync(exportPath, cancellationToken);
        await input.CopyToAsync(output, cancellationToken);
        return true;
    }

    private async Task WriteAddressKeyAsync(ExportWriter writer, CancellationToken cancellationToken)
    {
        var key = await db.SiteSecrets.AsNoTracking().Where(s => s.Name == SiteKeys.MailKeyName)
            .Select(s => new AddressKeyFile(s.Name, s.Value)).FirstOrDefaultAsync(cancellationToken);
        if (key is null)
        {
            return;
        }
        await using var stream = await writer.CreateAsync(ExportFormat.AddressKey, cancellationToken);
        await System.Text.Json.JsonSerializer.SerializeAsync(stream, key, ExportFormat.Json, cancellationToken);
    }

    // Keyset paging by id: each batch is one query that starts where the last ended, whatever the table's size.
    private async IAsyncEnumerable<TEntity> BatchesAsync<TEntity>(IQueryable<TEntity> source, Func<TEntity, long> id,
        Func<IQueryable<TEntity>, long, IQueryable<TEntity>> after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long last = long.MinValue;
        while (true)
        {
            var batch = await after(source, last).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var row in batch)
            {
                yield return row;
            }
            if (batch.Count < BatchSize)
            {
                yield break;
            }
            last = id(batch[^1]);
            db.ChangeTracker.Clear();
        }
    }

    private async IAsyncEnumerable<SettingsLine> SettingsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = await db.SiteSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        if (settings is not null)
        {
            yield return new SettingsLine(settings.PaperName, settings.Tagline, settings.LogoMediaId, settings.TimeZone, settings.PostalAddress,
                settings.FooterLinks, settings.SocialProfiles, settings.XHandle, settings.UpdatedAt, settings.UpdatedByName, settings.Version);
        }
    }

    private async IAsyncEnumerable<SectionLine> SectionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Sections, tags, authors and newsletters are a paper's few hundred rows at most: one query each.
        var formerSlugs = (await db.SectionSlugHistory.AsNoTracking().OrderBy(h => h.Id).Select(h => new { h.SectionId, h.Slug }).ToListAsync(cancellationToken))
            .ToLookup(h => h.SectionId, h => h.Slug);
        foreach (var s in await db.Sections.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken))
        {
            yield return new SectionLine(s.Id, s.Name, s.Slug, s.Description, s.Position, s.HiddenFromNavigation, [.. formerSlugs[s.Id]]);
        }
    }

    private async IAsyncEnumerable<TagLine> TagsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var formerSlugs = (await db.TagSlugHistory.AsNoTracking().OrderBy(h => h.Id).Select(h => new { h.TagId, h.Slug }).ToListAsync(cancellationToken))
            .ToLookup(h => h.TagId, h => h.Slug);
        await foreach (var t in BatchesAsync(db.Tags.AsNoTracking().OrderBy(t => t.Id), t => t.Id, (q, last) => q.Where(t => t.Id > last), cancellationToken))
        {
            yield return new TagLine(t.Id, t.Name, t.Slug, [.. formerSlugs[t.Id]]);
        }
    }

    private async IAsyncEnumerable<AuthorLine> AuthorsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var a in BatchesAsync(db.Authors.AsNoTracking().OrderBy(a => a.Id), a => a.Id, (q, last) => q.Where(a => a.Id > last), cancellationToken))
        {
            yield return new AuthorLine(a.Id, a.Name, a.Slug, a.Bio, a.PhotoUrl, a.PhotoMediaId, a.JobTitle, a.Expertise, a.ContactEmail, a.ProfileLinks, a.XHandle);
        }
    }

    // The original and its resized copies, under their own storage paths: addresses in bodies and heroes
    // (/media/2026/11/…) then resolve on the new site unchanged.
    private static List<string> FilesOf(MediaItem m) =>
        [ExportFormat.MediaFolder + m.StoragePath, .. MediaUrls.ParseWidths(m.VariantWidths).Select(w => ExportFormat.MediaFolder + MediaUrls.VariantPath(m.StoragePath, w))];

    private async IAsyncEnumerable<MediaLine> MediaAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var m in BatchesAsync(db.Media.AsNoTracking().OrderBy(m => m.Id), m => m.Id, (q, last) => q.Where(m => m.Id > last), cancellationToken))
        {
            yield return new MediaLine(m.Id, m.OriginalFileName, m.StoragePath, m.ContentType, m.Width, m.Height, m.Bytes, m.AltText, m.Caption, m.Credit,
                m.VariantWidths, m.UploadedAt, m.UploadedByUserId, FilesOf(m));
        }
    }

    private async IAsyncEnumerable<ArticleLine> ArticlesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lastId = 0;
        while (true)
        {
            var batch = await db.Articles.AsNoTracking().Where(a => a.Id > lastId).OrderBy(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }
            var ids = batch.Select(a => a.Id).ToList();
            var tags = (await db.ArticleTags.AsNoTracking().Where(t => ids.Contains(t.ArticleId)).OrderBy(t => t.Position).ThenBy(t => t.TagId)
                .Select(t => new { t.ArticleId, t.TagId }).ToListAsync(cancellationToken)).ToLookup(t => t.ArticleId, t => t.TagId);
            var authors = (await db.ArticleAuthors.AsNoTracking().Where(a => ids.Contains(a.ArticleId)).OrderBy(a => a.Position).ThenBy(a => a.AuthorId)
                .Select(a => new { a.ArticleId, a.AuthorId }).ToListAsync(cancellationToken)).ToLookup(a => a.ArticleId, a => a.AuthorId);
            var slugs = (await db.ArticleSlugHistory.AsNoTracking().Where(h => ids.Contains(h.ArticleId)).OrderBy(h => h.Id)
                .ToListAsync(cancellationToken)).ToLookup(h => h.ArticleId, h => new FormerSlug(h.Slug, h.RetiredAt));
            var corrections = (await db.Corrections.AsNoTracking().Where(c => ids.Contains(c.ArticleId)).OrderBy(c => c.Id).ToListAsync(cancellationToken))
                .ToLookup(c => c.ArticleId, c => new CorrectionLine(c.Id, c.Kind, c.Text, c.At, c.ShowAtTop, c.CreatedByUserId, c.CreatedByName, c.SentToSubscribersAt));
            var entries = (await db.LiveEntries.AsNoTracking().Where(e => ids.Contains(e.ArticleId)).OrderBy(e => e.Id).ToListAsync(cancellationToken))
                .ToLookup(e => e.ArticleId, e => new LiveEntryLine(e.Id, e.Title, e.BodyMarkdown, e.PostedAt, e.EditedAt, e.IsPinned, e.DeletedAt, e.CreatedByUserId, e.CreatedByName));
            foreach (var a in batch)
            {
                yield return new ArticleLine(a.Id, a.Title, a.Slug, a.Standfirst, a.BodyMarkdown,
                    a.HeroImageUrl, a.HeroImageAlt, a.HeroImageCaption, a.HeroImageCredit, a.HeroImageWidth, a.HeroImageHeight, a.HeroMediaId,
                    a.SectionId, a.Status, a.PublishedAt, a.CreatedAt, a.UpdatedAt, a.IsFeatured, a.NoAds,
                    a.ReviewRequestedAt, a.DeletedAt, a.WentLiveAt, a.CreatedByUserId, a.Version, a.WorkType,
                    a.Dateline, a.Backstory, a.ShownUpdatedAt, a.UpdateReason, a.SponsorName, a.LiveStartedAt, a.LiveEndedAt,
                    [.. tags[a.Id]], [.. authors[a.Id]], [.. slugs[a.Id]], [.. corrections[a.Id]], [.. entries[a.Id]]);
            }
            lastId = batch[^1].Id;
        }
    }

    private async IAsyncEnumerable<RevisionLine> RevisionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var r in BatchesAsync(db.ArticleRevisions.AsNoTracking().OrderBy(r => r.Id), r => r.Id, (q, last) => q.Where(r => r.Id > last), cancellationToken))
        {
            yield return new RevisionLine(r.Id, r.ArticleId, r.Number, r.Title, r.Standfirst, r.BodyMarkdown, r.CreatedAt, r.CreatedByUserId, r.CreatedByName,
                r.Note, r.ArticleVersion, r.IsAutosave, r.Details);
        }
    }

    private async IAsyncEnumerable<PageLine> PagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var p in await db.StaticPages.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken))
        {
            yield return new PageLine(p.Id, p.Title, p.Slug, p.Kind, p.BodyMarkdown, p.IsPublished, p.ShowInFooter, p.FooterPosition,
                p.CreatedAt, p.UpdatedAt, p.UpdatedByName, p.Version);
        }
    }

    private async IAsyncEnumerable<NewsletterLine> NewslettersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var n in await db.Newsletters.AsNoTracking().Include(n => n.Sections).OrderBy(n => n.Id).ToListAsync(cancellationToken))
        {
            yield return new NewsletterLine(n.Id, n.Slug, n.Name, n.Description, n.SenderName, n.Position, n.IsActive, n.IsDigest, n.DigestDays,
                n.DigestMinuteOfDay, n.DigestMaxStories, n.LastDigestAt, [.. n.Sections.Select(s => s.Id).Order()]);
        }
    }

    private async IAsyncEnumerable<IssueLine> IssuesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var i in BatchesAsync(db.NewsletterIssues.AsNoTracking().Include(i => i.Articles).OrderBy(i => i.Id), i => i.Id,
            (q, last) => q.Where(i => i.Id > last), cancellationToken))
        {
            yield return new IssueLine(i.Id, i.NewsletterId, i.Subject, i.Intro, i.Preheader, i.ScheduledFor, i.IsDigest, i.Opens, i.Status, i.CreatedAt,
                i.CreatedByName, i.QueuedAt, i.QueuedCount, [.. i.Articles.OrderBy(a => a.Position).Select(a => a.ArticleId)]);
        }
    }

    private async IAsyncEnumerable<SubscriberLine> SubscribersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var s in BatchesAsync(db.Subscribers.AsNoTracking().Include(s => s.Subscriptions).OrderBy(s => s.Id), s => s.Id,
            (q, last) => q.Where(s => s.Id > last), cancellationToken))
        {
            yield return new SubscriberLine(s.Id, s.Email, s.Name, s.Status, s.CreatedAt, s.ConfirmedAt, s.UnsubscribedAt,
                s.ConfirmationTokenHash, s.ConfirmationExpiresAt, s.LastConfirmationSentAt, s.ConfirmationWindowStartedAt, s.ConfirmationsInWindow,
                s.UnsubscribeToken, s.ConsentAt, s.ConsentSource, s.ConsentText, s.Origin, s.SignupArticleId, s.PausedUntil, s.SoftBounceCount,
                s.PendingEmail, s.PendingEmailTokenHash, s.PendingEmailExpiresAt, s.WelcomeSentAt,
                [.. s.Subscriptions.OrderBy(n => n.NewsletterId).Select(n => new SubscriptionLine(n.NewsletterId, n.CreatedAt))]);
        }
    }

    private async IAsyncEnumerable<ConsentLine> ConsentAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in BatchesAsync(db.ConsentEvents.AsNoTracking().OrderBy(e => e.Id), e => e.Id, (q, last) => q.Where(e => e.Id > last), cancellationToken))
        {
            yield return new ConsentLine(e.Id, e.SubscriberId, e.AddressHash, e.Kind, e.At, e.Wording, e.Source, e.Detail, e.ActorName);
        }
    }

    private async IAsyncEnumerable<SuppressionLine> SuppressionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var s in BatchesAsync(db.Suppressions.AsNoTracking().OrderBy(s => s.Id), s => s.Id, (q, last) => q.Where(s => s.Id > last), cancellationToken))
        {
            yield return new SuppressionLine(s.Id, s.Address, s.Reason, s.Detail, s.NewsletterIssueId, s.CreatedAt, s.LiftedAt, s.LiftedByName);
        }
    }

    private async IAsyncEnumerable<RedirectLine> RedirectsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var r in BatchesAsync(db.LegacyRedirects.AsNoTracking().OrderBy(r => r.Id), r => r.Id, (q, last) => q.Where(r => r.Id > last), cancellationToken))
        {
            yield return new RedirectLine(r.Id, r.Path, r.Target, r.Source, r.CreatedAt);
        }
    }
}

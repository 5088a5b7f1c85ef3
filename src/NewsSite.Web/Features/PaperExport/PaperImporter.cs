using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter.Deliverability;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Content;
using NewsSite.Web.Infrastructure.Database;
using NewsSite.Web.Infrastructure.Media;

namespace NewsSite.Web.Features.PaperExport;

public sealed record ImportReport(IReadOnlyDictionary<string, long> Counts, int MediaFiles, IReadOnlyList<string> MissingMedia);

/// <summary>
/// Reads an export (a folder or its zip) into an empty site. The manifest's checksums are verified before anything is
/// written; the media files go through <see cref="IMediaStorage"/> first, then the database is filled in one
/// transaction, so a failure leaves neither half a paper nor stray files. Ids are kept as the source had them: the site
/// is empty, and every reference (a body's <c>media:42</c>, a revision's details, a subscriber's signup story) then
/// stays true without rewriting.
/// </summary>
public sealed class PaperImporter(NewsDbContext db, IMediaStorage storage, ArticleBodyRenderer renderer, IDatabaseProvider provider,
    SiteKeys siteKeys, AuditTrail audit, IOptions<PaperExportOptions> options, ILogger<PaperImporter> logger)
{
    private int BatchSize => options.Value.BatchSize;

    public async Task<ImportReport> ImportAsync(string path, string actorName, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full) && full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            var unpacked = Path.Combine(Path.GetTempPath(), $"newssite-import-{Guid.NewGuid():n}");
            try
            {
                // ExtractToDirectory refuses entries that would land outside the folder.
                await ZipFile.ExtractToDirectoryAsync(full, unpacked, cancellationToken);
                return await ImportFolderAsync(unpacked, actorName, cancellationToken);
            }
            finally
            {
                Directory.Delete(unpacked, recursive: true);
            }
        }
        if (!Directory.Exists(full))
        {
            throw new ExportException($"There is no export at {full}: give the folder (or the .zip) that `export` or the admin's download made.");
        }
        return await ImportFolderAsync(full, actorName, cancellationToken);
    }

    private async Task<ImportReport> ImportFolderAsync(string folder, string actorName, CancellationToken cancellationToken)
    {
        var manifest = await VerifyAsync(folder, cancellationToken);
        await EnsureEmptyAsync(cancellationToken);

        var written = new List<string>();
        try
        {
            var mediaFiles = await WriteMediaFilesAsync(folder, manifest, written, cancellationToken);
            var counts = await FillDatabaseAsync(folder, manifest, actorName, cancellationToken);
            siteKeys.Forget();
            logger.LogInformation("Imported the paper {PaperName} exported at {ExportedAt}: {Articles} articles, {MediaFiles} media files",
                manifest.PaperName, manifest.ExportedAt, counts.GetValueOrDefault("articles"), mediaFiles);
            return new ImportReport(counts, mediaFiles, manifest.MissingMedia);
        }
        catch
        {
            db.ChangeTracker.Clear();
            foreach (var storagePath in written)
            {
                await storage.DeleteAsync(storagePath, CancellationToken.None);
            }
            throw;
        }
    }

    /// <summary>Checks the manifest and every file it names (size and SHA-256) before anything is written.</summary>
    public static async Task<ExportManifest> VerifyAsync(string folder, CancellationToken cancellationToken)
    {
        var manifestPath = Path.Combine(folder, ExportFormat.Manifest);
        if (!File.Exists(manifestPath))
        {
            throw new ExportException($"{folder} has no {ExportFormat.Manifest}: it is not a NewsSite export.");
        }
        ExportManifest? manifest;
        try
        {
            await using var stream = File.OpenRead(manifestPath);
            manifest = await JsonSerializer.DeserializeAsync<ExportManifest>(stream, ExportFormat.Json, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new ExportException($"{ExportFormat.Manifest} is not valid JSON: {e.Message}");
        }
        if (manifest is null || manifest.Format != ExportFormat.Name || manifest.Files is null)
        {
            throw new ExportException($"{ExportFormat.Manifest} does not describe a NewsSite export (format \"{ExportFormat.Name}\").");
        }
        if (manifest.Version > ExportFormat.Version)
        {
            throw new ExportException($"This export is in format version {manifest.Version}; this NewsSite reads up to version {ExportFormat.Version}. Upgrade NewsSite first.");
        }
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        foreach (var file in manifest.Files)
        {
            var full = Path.GetFullPath(Path.Combine(root, file.Path ?? ""));
            if (string.IsNullOrEmpty(file.Path) || Path.IsPathRooted(file.Path) || !full.StartsWith(root, StringComparison.Ordinal))
            {
                throw new ExportException($"The manifest names a file outside the export: \"{file.Path}\".");
            }
            if (!File.Exists(full))
            {
                throw new ExportException($"The export is incomplete: {file.Path} is missing.");
            }
            await using var stream = File.OpenRead(full);
            var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            if (stream.Length != file.Bytes || !string.Equals(hash, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new ExportException($"{file.Path} does not match the manifest's checksum: the export was changed or damaged after it was made. Nothing was imported.");
            }
        }
        string[] required = [ExportFormat.Settings, ExportFormat.Sections, ExportFormat.Tags, ExportFormat.Authors, ExportFormat.Media,
            ExportFormat.Articles, ExportFormat.Revisions, ExportFormat.Pages, ExportFormat.Newsletters, ExportFormat.Issues,
            ExportFormat.Subscribers, ExportFormat.Consent, ExportFormat.Suppressions];
        var listed = manifest.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        if (required.FirstOrDefault(r => !listed.Contains(r)) is { } absent)
        {
            throw new ExportException($"The manifest does not list {absent}: the export is incomplete.");
        }
        return manifest;
    }

    private async Task EnsureEmptyAsync(CancellationToken cancellationToken)
    {
        (string What, int Count)[] found =
        [
            ("articles", await db.Articles.CountAsync(cancellationToken)),
            ("static pages", await db.StaticPages.CountAsync(cancellationToken)),
            ("subscribers", await db.Subscribers.CountAsync(cancellationToken)),
            ("sections", await db.Sections.CountAsync(cancellationToken)),
            ("tags", await db.Tags.CountAsync(cancellationToken)),
            ("authors", await db.Authors.CountAsync(cancellationToken)),
            ("media items", await db.Media.CountAsync(cancellationToken)),
            ("newsletter issues", await db.NewsletterIssues.CountAsync(cancellationToken)),
            ("consent records", await db.ConsentEvents.CountAsync(cancellationToken)),
            ("suppressions", await db.Suppressions.CountAsync(cancellationToken)),
            ("old addresses", await db.LegacyRedirects.CountAsync(cancellationToken)),
        ];
        var present = found.Where(f => f.Count > 0).Select(f => $"{f.Count} {f.What}").ToList();
        if (present.Count > 0)
        {
            throw new ExportException(
                $"This site is not empty ({string.Join(", ", present)}); an export is imported only into an empty site. " +
                $"Point ConnectionStrings:News (and the media folder) at a new, empty database and set {DatabaseOptions.SectionName}:{nameof(DatabaseOptions.SeedSampleContent)} " +
                $"to false (environment variable {DatabaseOptions.SectionName}__{nameof(DatabaseOptions.SeedSampleContent)}=false), so that the new site does not seed its sample paper, then import again.");
        }
    }

    private async Task<int> WriteMediaFilesAsync(string folder, ExportManifest manifest, List<string> written, CancellationToken cancellationToken)
    {
        var hashes = manifest.Files.ToDictionary(f => f.Path, f => f.Sha256, StringComparer.Ordinal);
        var count = 0;
        await foreach (var item in LinesAsync<MediaLine>(folder, ExportFormat.Media, cancellationToken))
        {
            foreach (var exportPath in item.Files ?? [])
            {
                if (!exportPath.StartsWith(ExportFormat.MediaFolder, StringComparison.Ordinal))
                {
                    throw new ExportException($"Media item {item.Id} names a file outside media/: \"{exportPath}\".");
                }
                if (!hashes.TryGetValue(exportPath, out var hash))
                {
                    if (manifest.MissingMedia.Contains(exportPath))
                    {
                        continue;
                    }
                    throw new ExportException($"Media item {item.Id} names {exportPath}, which the manifest does not list.");
                }
                var storagePath = exportPath[ExportFormat.MediaFolder.Length..];
                var existing = storage.Files.GetFileInfo(storagePath);
                if (existing.Exists)
                {
                    // A shared media folder (or an earlier attempt) may hold the very same file: keep it; refuse another.
                    await using var current = existing.CreateReadStream();
                    if (!string.Equals(Convert.ToHexStringLower(await SHA256.HashDataAsync(current, cancellationToken)), hash, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new ExportException($"The media store already holds a different file at {storagePath}. Import into an empty media folder.");
                    }
                    continue;
                }
                await using var input = File.OpenRead(Path.Combine(folder, exportPath.Replace('/', Path.DirectorySeparatorChar)));
                await storage.WriteAsync(storagePath, input, cancellationToken);
                written.Add(storagePath);
                count++;
            }
        }
        return count;
    }

    private async Task<Dictionary<string, long>> FillDatabaseAsync(string folder, ExportManifest manifest, string actorName, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // A new site starts with one newsletter of its own (and may have a settings row): the paper's own replace them.
        await db.Newsletters.ExecuteDeleteAsync(cancellationToken);
        await db.SiteSettings.ExecuteDeleteAsync(cancellationToken);

        counts["media"] = await AddAllAsync<MediaLine>(folder, ExportFormat.Media, m => db.Media.Add(new MediaItem
        {
            Id = m.Id, OriginalFileName = m.OriginalFileName, StoragePath = m.StoragePath, ContentType = m.ContentType, Width = m.Width,
            Height = m.Height, Bytes = m.Bytes, AltText = m.AltText, Caption = m.Caption, Credit = m.Credit, VariantWidths = m.VariantWidths,
            UploadedAt = m.UploadedAt, UploadedByUserId = m.UploadedByUserId,
        }), cancellationToken);
        counts["settings"] = await AddAllAsync<SettingsLine>(folder, ExportFormat.Settings, s => db.SiteSettings.Add(new SiteSettings
        {
            PaperName = s.PaperName, Tagline = s.Tagline, LogoMediaId = s.LogoMediaId, TimeZone = s.TimeZone, PostalAddress = s.PostalAddress,
            FooterLinks = s.FooterLinks, SocialProfiles = s.SocialProfiles, XHandle = s.XHandle, UpdatedAt = s.UpdatedAt, UpdatedByName = s.UpdatedByName,
            Version = s.Version,
        }), cancellationToken);
        counts["sections"] = await AddAllAsync<SectionLine>(folder, ExportFormat.Sections, s =>
        {
            db.Sections.Add(new Section { Id = s.Id, Name = s.Name, Slug = s.Slug, Description = s.Description, Position = s.Position, HiddenFromNavigation = s.HiddenFromNavigation });
            db.SectionSlugHistory.AddRange((s.FormerSlugs ?? []).Select(slug => new SectionSlugHistory { SectionId = s.Id, Slug = slug }));
        }, cancellationToken);
        counts["tags"] = await AddAllAsync<TagLine>(folder, ExportFormat.Tags, t =>
        {
            db.Tags.Add(new Tag { Id = t.Id, Name = t.Name, Slug = t.Slug });
            db.TagSlugHistory.AddRange((t.FormerSlugs ?? []).Select(slug => new TagSlugHistory { TagId = t.Id, Slug = slug }));
        }, cancellationToken);
        counts["authors"] = await AddAllAsync<AuthorLine>(folder, ExportFormat.Authors, a => db.Authors.Add(new Author
        {
            Id = a.Id, Name = a.Name, Slug = a.Slug, Bio = a.Bio, PhotoUrl = a.PhotoUrl, PhotoMediaId = a.PhotoMediaId, JobTitle = a.JobTitle,
            Expertise = a.Expertise, ContactEmail = a.ContactEmail, ProfileLinks = a.ProfileLinks, XHandle = a.XHandle,
        }), cancellationToken);
        counts["articles"] = await AddArticlesAsync(folder, cancellationToken);
        counts["revisions"] = await AddAllAsync<RevisionLine>(folder, ExportFormat.Revisions, r => db.ArticleRevisions.Add(new ArticleRevision
        {
            Id = r.Id, ArticleId = r.ArticleId, Number = r.Number, Title = r.Title, Standfirst = r.Standfirst, BodyMarkdown = r.BodyMarkdown,
            CreatedAt = r.CreatedAt, CreatedByUserId = r.CreatedByUserId, CreatedByName = r.CreatedByName, Note = r.Note,
            ArticleVersion = r.ArticleVersion, IsAutosave = r.IsAutosave, Details = r.Details,
        }), cancellationToken);
        counts["pages"] = await AddAllAsync<PageLine>(folder, ExportFormat.Pages, p =>
        {
            var body = Render(p.BodyMarkdown, null, $"page {p.Id}");
            db.StaticPages.Add(new StaticPage
            {
                Id = p.Id, Title = p.Title, Slug = p.Slug, Kind = p.Kind, BodyMarkdown = p.BodyMarkdown, BodyHtml = body.Html, IsPublished = p.IsPublished,
                ShowInFooter = p.ShowInFooter, FooterPosition = p.FooterPosition, CreatedAt = p.CreatedAt, UpdatedAt = p.UpdatedAt,
                UpdatedByName = p.UpdatedByName, Version = p.Version,
            });
        }, cancellationToken);
        counts["newsletters"] = await AddNewslettersAsync(folder, cancellationToken);
        counts["issues"] = await AddAllAsync<IssueLine>(folder, ExportFormat.Issues, i => db.NewsletterIssues.Add(new NewsletterIssue
        {
            Id = i.Id, NewsletterId = i.NewsletterId, Subject = i.Subject, Intro = i.Intro, Preheader = i.Preheader, ScheduledFor = i.ScheduledFor,
            IsDigest = i.IsDigest, Opens = i.Opens, Status = i.Status, CreatedAt = i.CreatedAt, CreatedByName = i.CreatedByName, QueuedAt = i.QueuedAt,
            QueuedCount = i.QueuedCount,
            Articles = [.. (i.ArticleIds ?? []).Select((id, position) => new NewsletterIssueArticle { ArticleId = id, Position = position })],
        }), cancellationToken);
        counts["subscribers"] = await AddAllAsync<SubscriberLine>(folder, ExportFormat.Subscribers, s => db.Subscribers.Add(new Subscriber
        {
            Id = s.Id, Email = s.Email, Name = s.Name, Status = s.Status, CreatedAt = s.CreatedAt, ConfirmedAt = s.ConfirmedAt, UnsubscribedAt = s.UnsubscribedAt,
            ConfirmationTokenHash = s.ConfirmationTokenHash, ConfirmationExpiresAt = s.ConfirmationExpiresAt, LastConfirmationSentAt = s.LastConfirmationSentAt,
            ConfirmationWindowStartedAt = s.ConfirmationWindowStartedAt, ConfirmationsInWindow = s.ConfirmationsInWindow, UnsubscribeToken = s.UnsubscribeToken,
            ConsentAt = s.ConsentAt, ConsentSource = s.ConsentSource, ConsentText = s.ConsentText, Origin = s.Origin, SignupArticleId = s.SignupArticleId,
            PausedUntil = s.PausedUntil, SoftBounceCount = s.SoftBounceCount, PendingEmail = s.PendingEmail, PendingEmailTokenHash = s.PendingEmailTokenHash,
            PendingEmailExpiresAt = s.PendingEmailExpiresAt, WelcomeSentAt = s.WelcomeSentAt,
            Subscriptions = [.. (s.Subscriptions ?? []).Select(n => new NewsletterSubscription { NewsletterId = n.NewsletterId, CreatedAt = n.CreatedAt })],
        }), cancellationToken);
        counts["consent"] = await AddAllAsync<ConsentLine>(folder, ExportFormat.Consent, e => db.ConsentEvents.Add(new ConsentEvent
        {
            Id = e.Id, SubscriberId = e.SubscriberId, AddressHash = e.AddressHash, Kind = e.Kind, At = e.At, Wording = e.Wording, Source = e.Source,
            Detail = e.Detail, ActorName = e.ActorName,
        }), cancellationToken);
        counts["suppressions"] = await AddAllAsync<SuppressionLine>(folder, ExportFormat.Suppressions, s => db.Suppressions.Add(new Suppression
        {
            Id = s.Id, Address = s.Address, Reason = s.Reason, Detail = s.Detail, NewsletterIssueId = s.NewsletterIssueId, CreatedAt = s.CreatedAt,
            LiftedAt = s.LiftedAt, LiftedByName = s.LiftedByName,
        }), cancellationToken);
        // Old addresses came later to the format: an export without them imports with none.
        counts["redirects"] = manifest.Files.Any(f => f.Path == ExportFormat.Redirects)
            ? await AddAllAsync<RedirectLine>(folder, ExportFormat.Redirects, r => db.LegacyRedirects.Add(new LegacyRedirect
            {
                Id = r.Id, Path = r.Path, Target = r.Target, Source = r.Source, CreatedAt = r.CreatedAt,
            }), cancellationToken)
            : 0;
        await UseAddressKeyAsync(folder, manifest, cancellationToken);

        await provider.FollowExplicitIdsAsync(db, cancellationToken);
        audit.Record(AuditActions.PaperImported, manifest.PaperName,
            $"Export of {manifest.ExportedAt:u}: {counts["articles"]} articles, {counts["revisions"]} revisions, {counts["subscribers"]} subscribers", actorName: actorName);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return counts;
    }

    // The consent ledger's tombstones are keyed hashes: under another key they would match nothing, and an erased
    // reader could be imported again. The site is empty, so nothing was hashed under its own key yet.
    private async Task UseAddressKeyAsync(string folder, ExportManifest manifest, CancellationToken cancellationToken)
    {
        if (!manifest.Files.Any(f => f.Path == ExportFormat.AddressKey))
        {
            return;
        }
        await using var stream = File.OpenRead(Path.Combine(folder, ExportFormat.AddressKey));
        var key = await JsonSerializer.DeserializeAsync<AddressKeyFile>(stream, ExportFormat.Json, cancellationToken);
        if (key is not { Name: SiteKeys.MailKeyName, Value.Length: > 0 })
        {
            throw new ExportException($"{ExportFormat.AddressKey} does not hold the address key.");
        }
        await db.SiteSecrets.Where(s => s.Name == SiteKeys.MailKeyName).ExecuteDeleteAsync(cancellationToken);
        db.SiteSecrets.Add(new SiteSecret { Name = key.Name, Value = key.Value, CreatedAt = manifest.ExportedAt });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private async Task<long> AddArticlesAsync(string folder, CancellationToken cancellationToken)
    {
        long count = 0;
        var batch = new List<ArticleLine>(BatchSize);
        await foreach (var line in LinesAsync<ArticleLine>(folder, ExportFormat.Articles, cancellationToken))
        {
            batch.Add(line);
            if (batch.Count == BatchSize)
            {
                count += await AddArticleBatchAsync(batch, cancellationToken);
                batch.Clear();
            }
        }
        return count + await AddArticleBatchAsync(batch, cancellationToken);
    }

    // Bodies are rendered again from their Markdown, as the editor renders them at save: HTML from a file is never
    // trusted as it stands, and the renderer sanitises. Library images are already in this transaction, by their ids.
    private async Task<int> AddArticleBatchAsync(List<ArticleLine> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }
        var imageIds = batch.SelectMany(a => BodyImages.IdsIn(a.BodyMarkdown).Concat((a.LiveEntries ?? []).SelectMany(e => BodyImages.IdsIn(e.BodyMarkdown))))
            .Distinct().ToList();
        var images = await db.Media.AsNoTracking().Where(m => imageIds.Contains(m.Id))
            .Select(m => new BodyImage(m.Id, m.StoragePath, m.VariantWidths, m.Width, m.Height, m.AltText, m.Caption, m.Credit))
            .ToDictionaryAsync(m => m.Id, cancellationToken);
        foreach (var a in batch)
        {
            var body = Render(a.BodyMarkdown, images, $"article {a.Id}");
            db.Articles.Add(new Article
            {
                Id = a.Id, Title = a.Title, Slug = a.Slug, Standfirst = a.Standfirst, BodyMarkdown = a.BodyMarkdown, BodyHtml = body.Html, BodyText = body.Text, ParagraphEnds = body.ParagraphEnds,
                ReadingTimeMinutes = body.ReadingTimeMinutes, HeroImageUrl = a.HeroImageUrl, HeroImageAlt = a.HeroImageAlt, HeroImageCaption = a.HeroImageCaption,
                HeroImageCredit = a.HeroImageCredit, HeroImageWidth = a.HeroImageWidth, HeroImageHeight = a.HeroImageHeight, HeroMediaId = a.HeroMediaId,
                SectionId = a.SectionId, Status = a.Status, PublishedAt = a.PublishedAt, CreatedAt = a.CreatedAt, UpdatedAt = a.UpdatedAt,
                IsFeatured = a.IsFeatured, NoAds = a.NoAds, ReviewRequestedAt = a.ReviewRequestedAt, DeletedAt = a.DeletedAt, WentLiveAt = a.WentLiveAt,
                CreatedByUserId = a.CreatedByUserId, Version = a.Version, WorkType = a.WorkType, Dateline = a.Dateline, Backstory = a.Backstory,
                ShownUpdatedAt = a.ShownUpdatedAt, UpdateReason = a.UpdateReason, SponsorName = a.SponsorName, LiveStartedAt = a.LiveStartedAt,
                LiveEndedAt = a.LiveEndedAt,
                Tags = [.. (a.TagIds ?? []).Select((id, position) => new ArticleTag { TagId = id, Position = position })],
                Authors = [.. (a.AuthorIds ?? []).Select((id, position) => new ArticleAuthor { AuthorId = id, Position = position })],
            });
            db.ArticleSlugHistory.AddRange((a.FormerSlugs ?? []).Select(s => new ArticleSlugHistory { ArticleId = a.Id, Slug = s.Slug, RetiredAt = s.RetiredAt }));
            db.Corrections.AddRange((a.Corrections ?? []).Select(c => new Correction
            {
                Id = c.Id, ArticleId = a.Id, Kind = c.Kind, Text = c.Text, At = c.At, ShowAtTop = c.ShowAtTop, CreatedByUserId = c.CreatedByUserId,
                CreatedByName = c.CreatedByName, SentToSubscribersAt = c.SentToSubscribersAt,
            }));
            db.LiveEntries.AddRange((a.LiveEntries ?? []).Select(e => new LiveEntry
            {
                Id = e.Id, ArticleId = a.Id, Title = e.Title, BodyMarkdown = e.BodyMarkdown, BodyHtml = Render(e.BodyMarkdown, images, $"live entry {e.Id}").Html,
                PostedAt = e.PostedAt, EditedAt = e.EditedAt, IsPinned = e.IsPinned, DeletedAt = e.DeletedAt, CreatedByUserId = e.CreatedByUserId,
                CreatedByName = e.CreatedByName,
            }));
        }
        await SaveBatchAsync(cancellationToken);
        return batch.Count;
    }

    private async Task<long> AddNewslettersAsync(string folder, CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var n in LinesAsync<NewsletterLine>(folder, ExportFormat.Newsletters, cancellationToken))
        {
            var sectionIds = n.SectionIds ?? [];
            db.Newsletters.Add(new Data.Entities.Newsletter
            {
                Id = n.Id, Slug = n.Slug, Name = n.Name, Description = n.Description, SenderName = n.SenderName, Position = n.Position, IsActive = n.IsActive,
                IsDigest = n.IsDigest, DigestDays = n.DigestDays, DigestMinuteOfDay = n.DigestMinuteOfDay, DigestMaxStories = n.DigestMaxStories,
                LastDigestAt = n.LastDigestAt,
                Sections = await db.Sections.Where(s => sectionIds.Contains(s.Id)).ToListAsync(cancellationToken),
            });
            count++;
        }
        await SaveBatchAsync(cancellationToken);
        return count;
    }

    private RenderedBody Render(string? markdown, IReadOnlyDictionary<int, BodyImage>? images, string what) =>
        renderer.TryRender(markdown ?? "", images)
        ?? throw new ExportException($"The body of {what} cannot be rendered (too long or malformed). Nothing was imported.");

    private async Task<long> AddAllAsync<T>(string folder, string file, Action<T> add, CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var line in LinesAsync<T>(folder, file, cancellationToken))
        {
            add(line);
            if (++count % BatchSize == 0)
            {
                await SaveBatchAsync(cancellationToken);
            }
        }
        await SaveBatchAsync(cancellationToken);
        return count;
    }

    private async Task SaveBatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            throw new ExportException($"The export's rows do not fit together (a reference to something absent, or a duplicate): {e.InnerException?.Message ?? e.Message}. Nothing was imported.");
        }
        db.ChangeTracker.Clear();
    }

    private static async IAsyncEnumerable<T> LinesAsync<T>(string folder, string file, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(Path.Combine(folder, file));
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }
            T? value;
            try
            {
                value = JsonSerializer.Deserialize<T>(line, ExportFormat.Json);
            }
            catch (JsonException e)
            {
                throw new ExportException($"{file}, line {number}: {e.Message}");
            }
            yield return value ?? throw new ExportException($"{file}, line {number}: null is not a row.");
        }
    }
}

using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter.Consent;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Signup;
using NewsSite.Web.Features.Shared;
using NewsSite.Web.Infrastructure.Auditing;

namespace NewsSite.Web.Features.Newsletter.Subscribers;

/// <summary>A reader in the directory; <paramref name="Suppressed"/> when bounces or complaints stop mail to the address.</summary>
public sealed record SubscriberRow(int Id, string Email, string? Name, SubscriberStatus Status, DateTime CreatedAt, DateTime? ConfirmedAt, DateTime? UnsubscribedAt, string Origin, SuppressionReason? Suppressed = null);

public sealed record ImportResult(int Added, int AlreadyKnown, int Invalid, int ErasedEarlier = 0);

/// <summary>Signups per story, for the subscribers page: which stories bring readers.</summary>
public sealed record SignupsByArticle(int ArticleId, string Title, string Url, int Signups);

/// <summary>The subscriber list for editors: search, export, import and erasure on request.</summary>
public sealed class SubscriberDirectory(NewsDbContext db, SignupService signups, ConsentLedger ledger, AuditTrail audit, TimeProvider clock, Infrastructure.Database.IDatabaseProvider database)
{
    private const int PageSize = 50;
    public const int MaxImportRows = 100_000;

    public async Task<Paged<SubscriberRow>> SearchAsync(string? query, SubscriberStatus? status, int page, CancellationToken cancellationToken)
    {
        var subscribers = Filter(query, status);
        var total = await subscribers.CountAsync(cancellationToken);
        var rows = await subscribers.OrderByDescending(s => s.Id).Skip(Paged<SubscriberRow>.Skip(page, PageSize)).Take(PageSize)
            .Select(s => new SubscriberRow(s.Id, s.Email, s.Name, s.Status, s.CreatedAt, s.ConfirmedAt, s.UnsubscribedAt, s.Origin,
                db.Suppressions.Where(x => x.Address == s.Email && x.LiftedAt == null).Select(x => (SuppressionReason?)x.Reason).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new Paged<SubscriberRow>(rows, page, PageSize, total);
    }

    /// <summary>Streams the (filtered) list as CSV, with consent records, in batches so a large list never sits in memory.</summary>
    public async Task ExportAsync(Stream output, string? query, SubscriberStatus? status, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true);
        // Every cell starting with = + - @ tab or CR gets a leading apostrophe (and is quoted when it needs to be), so no
        // value a reader typed, nor any column added later, runs as a formula when the file is opened in a spreadsheet.
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });
        foreach (var header in new[] { "email", "name", "status", "created_at", "confirmed_at", "unsubscribed_at", "consent_at", "consent_source", "consent_text", "origin", "consent_events" })
        {
            csv.WriteField(header);
        }
        await csv.NextRecordAsync();
        var lastId = 0;
        while (true)
        {
            var batch = await Filter(query, status).Where(s => s.Id > lastId).OrderBy(s => s.Id).Take(1000).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            var events = await ledger.ForSubscribersAsync(batch.Select(s => s.Id).ToList(), cancellationToken);
            foreach (var s in batch)
            {
                csv.WriteField(s.Email);
                csv.WriteField(s.Name);
                csv.WriteField(s.Status.ToString());
                csv.WriteField(Iso(s.CreatedAt));
                csv.WriteField(Iso(s.ConfirmedAt));
                csv.WriteField(Iso(s.UnsubscribedAt));
                csv.WriteField(Iso(s.ConsentAt));
                csv.WriteField(s.ConsentSource);
                csv.WriteField(s.ConsentText);
                csv.WriteField(s.Origin);
                // One cell: every consent event, oldest first, one per line ("time kind | source | detail | wording").
                csv.WriteField(string.Join("\n", events[s.Id].Select(Describe)));
                await csv.NextRecordAsync();
            }
            lastId = batch[^1].Id;
        }
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Adds the addresses in a CSV (first column email, optional second column name, optional header row). Known
    /// addresses are left alone, and so are addresses erased on request (their tombstone in the consent ledger). New ones
    /// are pending with a confirmation email, unless an administrator says they confirmed elsewhere already. Each is
    /// recorded in the ledger with <paramref name="consentSource"/>, the place the editor says they consented.
    /// </summary>
    public async Task<ImportResult> ImportAsync(Stream csvStream, bool alreadyConfirmed, string consentSource, string actorName, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(csvStream);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false, BadDataFound = null, MissingFieldFound = null, DetectDelimiter = true });
        var candidates = new Dictionary<string, string?>();
        var invalid = 0;
        var rows = 0;
        while (await csv.ReadAsync() && rows++ < MaxImportRows)
        {
            var record = csv.Record ?? [];
            var email = SignupService.NormalizeEmail(record.ElementAtOrDefault(0));
            if (email is null)
            {
                // A header row ("email,name") is not an address either; it is simply skipped.
                if (rows > 1 || !string.Equals(record.ElementAtOrDefault(0)?.Trim(), "email", StringComparison.OrdinalIgnoreCase))
                {
                    invalid++;
                }
                continue;
            }
            var name = record.ElementAtOrDefault(1)?.Trim();
            candidates.TryAdd(email, SignupService.IsAcceptableName(name) && !string.IsNullOrEmpty(name) ? name : null);
        }

        await ledger.ReadyAsync(cancellationToken);
        var added = 0;
        var known = 0;
        var erased = 0;
        var detail = alreadyConfirmed ? "imported as already confirmed" : "imported, confirmation sent";
        foreach (var chunk in candidates.Chunk(500))
        {
            var emails = chunk.Select(c => c.Key).ToList();
            var existing = (await db.Subscribers.Where(s => emails.Contains(s.Email)).Select(s => s.Email).ToListAsync(cancellationToken)).ToHashSet();
            var erasedEarlier = await ledger.ErasedAmongAsync(emails.Where(e => !existing.Contains(e)).ToList(), cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var fresh = new List<Subscriber>();
            foreach (var (email, name) in chunk)
            {
                if (existing.Contains(email))
                {
                    known++;
                    continue;
                }
                if (erasedEarlier.Contains(email))
                {
                    // The reader asked to be erased: a list from elsewhere does not bring them back.
                    erased++;
                    continue;
                }
                var subscriber = new Subscriber
                {
                    Email = email,
                    Name = name,
                    Status = alreadyConfirmed ? SubscriberStatus.Confirmed : SubscriberStatus.Pending,
                    CreatedAt = now,
                    ConfirmedAt = alreadyConfirmed ? now : null,
                    UnsubscribeToken = NewsletterTokens.New(),
                    Origin = alreadyConfirmed ? "import-confirmed" : "import",
                    ConsentAt = now,
                    ConsentSource = consentSource,
                    Subscriptions = { new NewsletterSubscription { NewsletterId = SignupService.FirstNewsletterId, CreatedAt = now } },
                };
                db.Subscribers.Add(subscriber);
                if (!alreadyConfirmed)
                {
                    await signups.QueueConfirmationAsync(subscriber);
                }
                fresh.Add(subscriber);
                added++;
            }
            // The ledger's rows name the subscribers' ids: saved with them, in one transaction per chunk.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var subscriber in fresh)
            {
                await ledger.AppendAsync(subscriber, ConsentEventKind.Imported, cancellationToken, source: consentSource, detail: detail, actorName: actorName);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        audit.Record(AuditActions.SubscribersImported, "subscribers",
            $"imported {added} ({(alreadyConfirmed ? "marked confirmed" : "pending confirmation")}), {known} known, {erased} erased earlier and not re-added, {invalid} invalid; consent source: {consentSource}",
            actorName: actorName);
        await db.SaveChangesAsync(cancellationToken);
        return new ImportResult(added, known, invalid, erased);
    }

    /// <summary>
    /// Erases a subscriber and every queued or sent email to them, their bounces and their subscriptions; the consent
    /// ledger keeps a tombstone (the keyed hash, kinds and dates) and the audit only that it happened.
    /// </summary>
    public async Task<bool> EraseAsync(int id, CancellationToken cancellationToken, string requestedBy = "on request")
    {
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscriber is null)
        {
            return false;
        }
        await ledger.ReadyAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Outbox.Where(m => m.ToAddress == subscriber.Email).ExecuteDeleteAsync(cancellationToken);
        await db.NewsletterRecipients.Where(r => r.Address == subscriber.Email || r.SubscriberId == id).ExecuteDeleteAsync(cancellationToken);
        await db.DeliveryEvents.Where(e => e.Address == subscriber.Email || e.SubscriberId == id).ExecuteDeleteAsync(cancellationToken);
        await ledger.EraseAsync(subscriber, cancellationToken);
        db.Subscribers.Remove(subscriber);
        audit.Record(AuditActions.DeleteForever, $"subscriber {id}", $"erased {requestedBy}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private IQueryable<Subscriber> Filter(string? query, SubscriberStatus? status)
    {
        var subscribers = db.Subscribers.AsNoTracking();
        if (status is { } wanted)
        {
            subscribers = subscribers.Where(s => s.Status == wanted);
        }
        if (!string.IsNullOrWhiteSpace(query))
        {
            subscribers = database.WhereContainsIgnoringCase(subscribers, query, s => s.Email, s => s.Name);
        }
        return subscribers;
    }

    private static string Describe(ConsentRecord e) =>
        string.Join(" | ", new[] { $"{Iso(e.At)} {e.Kind}", e.Source, e.Detail, e.ActorName is null ? null : "by " + e.ActorName, e.Wording }.Where(p => !string.IsNullOrEmpty(p)));

    /// <summary>The stories whose signup box brought the most subscribers (any status: a signup is a signup).</summary>
    public async Task<IReadOnlyList<SignupsByArticle>> TopSignupArticlesAsync(int count, CancellationToken cancellationToken)
    {
        var top = await db.Subscribers.AsNoTracking().Where(s => s.SignupArticleId != null)
            .GroupBy(s => s.SignupArticleId!.Value).Select(g => new { ArticleId = g.Key, Signups = g.Count() })
            .OrderByDescending(g => g.Signups).ThenBy(g => g.ArticleId).Take(count).ToListAsync(cancellationToken);
        var ids = top.Select(t => t.ArticleId).ToList();
        var articles = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.Slug, SectionSlug = a.Section.Slug }).ToDictionaryAsync(a => a.Id, cancellationToken);
        return top.Where(t => articles.ContainsKey(t.ArticleId))
            .Select(t => new SignupsByArticle(t.ArticleId, articles[t.ArticleId].Title, SiteUrls.Article(articles[t.ArticleId].SectionSlug, articles[t.ArticleId].Slug), t.Signups))
            .ToList();
    }

    private static string Iso(DateTime? utc) => utc is null ? "" : StructuredData.Iso(utc.Value);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter.Deliverability;
using NewsSite.Web.Features.Newsletter.Issues;
using NewsSite.Web.Infrastructure.Database;
using NewsSite.Web.Infrastructure.Jobs;
using NewsSite.Web.Infrastructure.Telemetry;

namespace NewsSite.Web.Features.Newsletter.Delivery;

/// <summary>
/// Delivers the outbox. Each round claims a batch of due messages (an <see cref="OutboxClaim"/>: leased to this sender
/// in one statement, so no other sender, on this node or another, sends them too), sends them over a few connections
/// at once, paced by <see cref="IDeliveryPacing"/>, and records each result as soon as it is known, where the claim
/// still holds it. A message the server refuses retries with exponential backoff, and its last refusal marks it
/// failed. A server that cannot be reached (connect, TLS, login, or a connection dropped mid-message) is nobody's
/// message's fault: the messages wait, with no attempt counted, while the sender backs off, so an outage of any length delays mail but never fails it.
/// Every message is DKIM-signed when Smtp:Dkim is set, and goes out with its own return path when Smtp:ReturnPath is.
/// A 5xx refusal is a hard bounce: the message fails at once and the address is suppressed (<see cref="BounceRecorder"/>);
/// a 4xx is retried, and recorded as a soft bounce when its attempts run out. A message to an address suppressed
/// since it was queued is not sent.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    EmailComposer composer,
    OutboxSignal signal,
    IDeliveryPacing pacing,
    IJobLeases leases,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    IDatabaseProvider database,
    DkimSigning dkim,
    ReturnPaths returnPaths,
    SiteStarted siteStarted,
    ILogger<OutboxSender> logger) : BackgroundService
{
    // The longest wait between tries of an unreachable server: short enough that mail flows soon after it returns.
    private static readonly TimeSpan MaxConnectionBackoff = TimeSpan.FromMinutes(5);

    // How often the clean-up runs: retention is counted in days, so hourly is plenty.
    private static readonly TimeSpan CleanUpEvery = TimeSpan.FromHours(1);

    public const string RemovedBody = "[removed after delivery]";

    private static readonly KeyValuePair<string, object?> Refused = new("reason", "refused");
    private static readonly KeyValuePair<string, object?> Unreachable = new("reason", "unreachable");

    private int connectionFailures;
    private DateTime nextCleanUp = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await siteStarted.WhenStartedAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            int sent;
            try
            {
                if (clock.GetUtcNow().UtcDateTime >= nextCleanUp)
                {
                    nextCleanUp = clock.GetUtcNow().UtcDateTime + CleanUpEvery;
                    // Sending is shared through claims; the clean-up is one node's job at a time.
                    await using var lease = await leases.TryAcquireAsync(JobNames.OutboxCleanUp, stoppingToken);
                    if (lease is not null)
                    {
                        await CleanUpAsync(stoppingToken);
                    }
                }
                sent = await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "The outbox round failed; trying again shortly");
                sent = 0;
            }
            if (sent == 0)
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken);
            }
        }
    }

    /// <summary>Sends one batch of due messages; returns how many were attempted.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var settings = options.Value;

        // The claim reads its rows without tracking, and results go back as single-row updates: a batch of thousands
        // stays cheap to record.
        using var activity = SiteMetrics.Activities.StartActivity("outbox send round");
        var claim = await OutboxClaim.TakeAsync(db, database, settings.BatchSize, TimeSpan.FromSeconds(settings.ClaimLeaseSeconds), clock, cancellationToken);
        if (claim is null)
        {
            // An idle poll is not worth a span: several a second while nothing is due.
            activity?.ActivityTraceFlags &= ~System.Diagnostics.ActivityTraceFlags.Recorded;
            return 0;
        }
        activity?.SetTag("newssite.outbox.claimed", claim.Messages.Count);
        var due = await SkipSuppressedAsync(db, claim, cancellationToken);
        if (due.Count == 0)
        {
            return claim.Messages.Count;
        }

        var templateIds = due.Where(m => m.TemplateId is not null).Select(m => m.TemplateId!.Value).Distinct().ToList();
        var templates = await db.OutboxTemplates.AsNoTracking().Where(t => templateIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        OutboxTemplate? TemplateOf(OutboxMessage message) => message.TemplateId is { } id ? templates[id] : null;

        // The batch in contiguous shares, one per connection: transactional mail, first in the batch, stays first.
        var shareSize = (int)Math.Ceiling(due.Count / (double)settings.Connections);
        await Task.WhenAll(due.Chunk(shareSize).Select(share => SendShareAsync(claim, share, TemplateOf, settings, cancellationToken)));
        logger.LogInformation("Outbox round done: {Count} messages attempted", due.Count);
        return due.Count;
    }

    // One connection's share of a batch, with its own DbContext (a context serves one operation at a time).
    private async Task SendShareAsync(OutboxClaim claim, OutboxMessage[] share, Func<OutboxMessage, OutboxTemplate?> templateOf, OutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var slot = await pacing.TakeConnectionAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        IMailConnection connection;
        try
        {
            connection = await transport.ConnectAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await DeferAsync(db, claim.Token, share, exception, settings);
            return;
        }

        await using (connection)
        {
            for (var i = 0; i < share.Length; i++)
            {
                var message = share[i];
                if (message.IsBulk)
                {
                    await pacing.WaitTurnAsync(cancellationToken);
                }
                if (!await claim.HoldsAsync(db, message.Id, cancellationToken))
                {
                    logger.LogWarning("Outbox message {MessageId} went to another sender after this one's lease ran out; leaving it to that one", message.Id);
                    continue;
                }
                try
                {
                    MimeKit.MimeMessage mime;
                    try
                    {
                        mime = composer.Compose(message, templateOf(message));
                        dkim.Sign(mime);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // A message that cannot be composed (a malformed address) is that message's own failure.
                        throw new MailRejectedException(exception.Message, exception);
                    }
                    await connection.SendAsync(mime, await returnPaths.ForMessageAsync(message.Id, cancellationToken), cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Shutting down: unsent messages keep their lease and go out after the restart.
                    throw;
                }
                catch (MailRejectedException exception)
                {
                    logger.LogWarning("Sending outbox message {MessageId} failed: {Error}", message.Id, exception.Message);
                    SiteMetrics.MessagesFailed.Add(1, Refused);
                    await RecordRefusalAsync(scope.ServiceProvider, db, claim.Token, message, exception, settings);
                    continue;
                }
                catch (Exception exception)
                {
                    // The connection dropped before the server answered for this message: it and the rest wait.
                    await DeferAsync(db, claim.Token, share[i..], exception, settings);
                    return;
                }
                Interlocked.Exchange(ref connectionFailures, 0);
                SiteMetrics.MessagesSent.Add(1);
                await MarkSentAsync(db, claim.Token, message);
            }
        }
    }

    /// <summary>
    /// Recorded at once, so a crash right after a send cannot send it again. A secret link's bodies are blanked in the
    /// same statement, and a newsletter's recipient is recorded in the same transaction, so each happens exactly once.
    /// </summary>
    private async Task MarkSentAsync(NewsDbContext db, Guid token, OutboxMessage message)
    {
        var sentAt = clock.GetUtcNow().UtcDateTime;
        var issueId = NewsletterIssueQueue.IssueIdOf(message.Kind);
        await using var transaction = issueId is null ? null : await db.Database.BeginTransactionAsync(CancellationToken.None);
        var marked = await db.Outbox.Where(m => m.Id == message.Id && m.ClaimToken == token && m.Status == OutboxStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sent)
            .SetProperty(m => m.ClaimToken, (Guid?)null)
            .SetProperty(m => m.SentAt, sentAt)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LastError, (string?)null)
            .SetProperty(m => m.HtmlBody, m => m.ContainsSecret ? RemovedBody : m.HtmlBody)
            .SetProperty(m => m.TextBody, m => m.ContainsSecret ? RemovedBody : m.TextBody), CancellationToken.None);
        if (marked == 0)
        {
            // Only after a stall longer than the lease, when another sender may already have sent it too.
            logger.LogWarning("Outbox message {MessageId} was sent after this sender's claim on it had lapsed", message.Id);
        }
        if (transaction is null)
        {
            return;
        }
        if (marked == 1)
        {
            var subscriberId = await db.Subscribers.Where(s => s.Email == message.ToAddress).Select(s => (int?)s.Id).FirstOrDefaultAsync(CancellationToken.None);
            db.NewsletterRecipients.Add(new NewsletterRecipient { NewsletterIssueId = issueId!.Value, SubscriberId = subscriberId, Address = message.ToAddress, SentAt = sentAt, OutboxMessageId = message.Id });
            await db.SaveChangesAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>
    /// Deletes sent messages older than Outbox:RetentionDays, and newsletter bodies that no message uses any more.
    /// Failed and waiting messages stay, whatever their age: they are still someone's mail.
    /// </summary>
    public async Task<int> CleanUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.RetentionDays);
        var deleted = await db.Outbox.Where(m => m.Status == OutboxStatus.Sent && m.SentAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.OutboxTemplates.Where(t => t.CreatedAt < cutoff && !db.Outbox.Any(m => m.TemplateId == t.Id)).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Outbox clean-up deleted {Count} sent messages older than {Days} days", deleted, options.Value.RetentionDays);
        }
        return deleted;
    }

    /// <summary>
    /// The server could not be reached: the messages wait for the next try, which backs off while the outage lasts.
    /// Their attempts stay as they were, so an outage never fails a message.
    /// </summary>
    private async Task DeferAsync(NewsDbContext db, Guid token, IReadOnlyList<OutboxMessage> messages, Exception exception, OutboxOptions settings)
    {
        SiteMetrics.MessagesFailed.Add(messages.Count, Unreachable);
        var failures = Interlocked.Increment(ref connectionFailures);
        var delay = TimeSpan.FromSeconds(Math.Min(settings.FirstRetrySeconds * Math.Pow(2, Math.Min(failures - 1, 30)), MaxConnectionBackoff.TotalSeconds));
        var next = clock.GetUtcNow().UtcDateTime + delay;
        var error = Truncate($"Mail server unreachable: {exception.Message}");
        logger.LogWarning("Cannot reach the mail server ({Error}); {Count} messages wait {Delay} for the next try", exception.Message, messages.Count, delay);
        var ids = messages.Select(m => m.Id).ToList();
        await db.Outbox.Where(m => ids.Contains(m.Id) && m.ClaimToken == token && m.Status == OutboxStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ClaimToken, (Guid?)null)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.NextAttemptAt, next), CancellationToken.None);
    }

    private static string Truncate(string error) => error.Length > 2000 ? error[..2000] : error;

    /// <summary>
    /// Fails, without sending, the claimed messages whose address was suppressed after they were queued (an issue
    /// queued before a hard bounce skips that reader), and returns the rest: one query for the whole batch.
    /// </summary>
    private async Task<IReadOnlyList<OutboxMessage>> SkipSuppressedAsync(NewsDbContext db, OutboxClaim claim, CancellationToken cancellationToken)
    {
        var addresses = claim.Messages.Select(m => m.ToAddress.ToLowerInvariant()).Distinct().ToList();
        var suppressed = await BounceRecorder.SuppressedAmongAsync(db, addresses, cancellationToken);
        if (suppressed.Count == 0)
        {
            return claim.Messages;
        }
        var kept = new List<OutboxMessage>(claim.Messages.Count);
        foreach (var message in claim.Messages)
        {
            if (!suppressed.TryGetValue(message.ToAddress.ToLowerInvariant(), out var reason) || !BounceRecorder.Stops(reason, message.IsBulk))
            {
                kept.Add(message);
                continue;
            }
            var error = $"suppressed: {reason}";
            await db.Outbox.Where(m => m.Id == message.Id && m.ClaimToken == claim.Token && m.Status == OutboxStatus.Pending).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Failed)
                .SetProperty(m => m.ClaimToken, (Guid?)null)
                .SetProperty(m => m.LastError, error), CancellationToken.None);
            logger.LogInformation("Outbox message {MessageId} not sent: its address is suppressed ({Reason})", message.Id, reason);
        }
        return kept;
    }

    /// <summary>
    /// The server refused the message. A 5xx fails it at once and records a hard bounce (which suppresses the address)
    /// in the same transaction; anything else is retried, and a 4xx whose attempts run out is recorded as a soft bounce.
    /// </summary>
    private async Task RecordRefusalAsync(IServiceProvider services, NewsDbContext db, Guid token, OutboxMessage message, MailRejectedException exception, OutboxOptions settings)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!exception.IsPermanent && !exception.IsTransient)
        {
            await RecordFailureAsync(db, token, message, exception, now, settings);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        if (exception.IsTransient)
        {
            if (await RecordFailureAsync(db, token, message, exception, now, settings))
            {
                await services.GetRequiredService<BounceRecorder>().RecordAsync(
                    new BounceReport(message.ToAddress, DeliveryEventKind.SoftBounce, DeliveryEventSource.Smtp, exception.Message, message.Id), CancellationToken.None);
                db.ChangeTracker.Clear();
            }
            await transaction.CommitAsync(CancellationToken.None);
            return;
        }
        var error = Truncate(exception.Message);
        var marked = await db.Outbox.Where(m => m.Id == message.Id && m.ClaimToken == token).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ClaimToken, (Guid?)null)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.Status, OutboxStatus.Failed), CancellationToken.None);
        if (marked == 1)
        {
            await services.GetRequiredService<BounceRecorder>().RecordAsync(
                new BounceReport(message.ToAddress, DeliveryEventKind.HardBounce, DeliveryEventSource.Smtp, exception.Message, message.Id), CancellationToken.None);
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>Counts a failed attempt and schedules the next; returns whether that was the last (the message is now failed).</summary>
    private static async Task<bool> RecordFailureAsync(NewsDbContext db, Guid token, OutboxMessage message, Exception exception, DateTime now, OutboxOptions settings)
    {
        var attempts = message.Attempts + 1;
        var error = Truncate(exception.Message);
        var failed = attempts >= settings.MaxAttempts;
        var delay = Math.Min(settings.FirstRetrySeconds * Math.Pow(2, attempts - 1), TimeSpan.FromHours(6).TotalSeconds);
        var next = failed ? message.NextAttemptAt : now.AddSeconds(delay);
        await db.Outbox.Where(m => m.Id == message.Id && m.ClaimToken == token).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ClaimToken, (Guid?)null)
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.Status, failed ? OutboxStatus.Failed : OutboxStatus.Pending)
            .SetProperty(m => m.NextAttemptAt, next), CancellationToken.None);
        return failed;
    }
}

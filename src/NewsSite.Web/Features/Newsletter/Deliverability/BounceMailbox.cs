using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Jobs;

namespace NewsSite.Web.Features.Newsletter.Deliverability;

/// <summary>What one reading of the mailbox did: reports recorded (or already recorded), and messages moved where.</summary>
public sealed record BounceMailboxRound(int Recorded, int Processed, int Unmatched);

/// <summary>
/// Reads the bounce mailbox over IMAP every BounceMailbox:PollSeconds: delivery status notifications and complaint
/// reports are matched to the message they answer and recorded through <see cref="BounceRecorder"/>, which applies
/// the suppression rules. Every message is then moved, never deleted: to the processed folder, or to the unmatched
/// folder when it was no report or named nobody, so an operator can review both. Under a job lease, so with several
/// nodes one of them reads; reading a report twice (a crash between recording and moving) records it once.
/// </summary>
public sealed class BounceMailbox(
    IServiceScopeFactory scopes,
    IJobLeases leases,
    ReturnPaths returnPaths,
    TimeProvider clock,
    IOptions<BounceMailboxOptions> options,
    IOptions<SiteOptions> site,
    SiteStarted siteStarted,
    ILogger<BounceMailbox> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await siteStarted.WhenStartedAsync(stoppingToken);
        if (!options.Value.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds), clock);
        do
        {
            try
            {
                await using var lease = await leases.TryAcquireAsync(JobNames.BounceMailbox, stoppingToken);
                if (lease is not null)
                {
                    await ReadAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Reading the bounce mailbox failed; trying again at the next poll");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>One reading now, waiting while another runner (the timer, another node) holds the lease.</summary>
    public async Task<BounceMailboxRound> ReadNowAsync(CancellationToken cancellationToken)
    {
        await using var lease = await leases.AcquireAsync(JobNames.BounceMailbox, clock, cancellationToken);
        return await ReadAsync(cancellationToken);
    }

    /// <summary>Reads every message in the mailbox's folder once.</summary>
    private async Task<BounceMailboxRound> ReadAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Host is not { Length: > 0 } host)
        {
            throw new InvalidOperationException("No bounce mailbox is configured (BounceMailbox:Host).");
        }
        using var client = new ImapClient { Timeout = settings.TimeoutSeconds * 1000 };
        await client.ConnectAsync(host, settings.Port, SocketOptionsOf(settings.Security), cancellationToken);
        await client.AuthenticateAsync(settings.Username ?? "", settings.Password ?? "", cancellationToken);

        var inbox = await client.GetFolderAsync(settings.Folder, cancellationToken);
        await inbox.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var processed = await FolderAsync(client, settings.ProcessedFolder, cancellationToken);
        var unmatched = await FolderAsync(client, settings.UnmatchedFolder, cancellationToken);

        var (recorded, movedToProcessed, movedToUnmatched) = (0, 0, 0);
        foreach (var uid in await inbox.SearchAsync(SearchQuery.All, cancellationToken))
        {
            var message = await inbox.GetMessageAsync(uid, cancellationToken);
            var (matched, count) = await RecordAsync(message, cancellationToken);
            recorded += count;
            // Only after the report is saved: a failure before this leaves the message here, to be read again.
            await inbox.MoveToAsync(uid, matched ? processed : unmatched, cancellationToken);
            _ = matched ? movedToProcessed++ : movedToUnmatched++;
        }
        await client.DisconnectAsync(quit: true, cancellationToken);
        if (movedToProcessed + movedToUnmatched > 0)
        {
            logger.LogInformation("Bounce mailbox: {Recorded} reports recorded, {Processed} messages processed, {Unmatched} unmatched", recorded, movedToProcessed, movedToUnmatched);
        }
        return new BounceMailboxRound(recorded, movedToProcessed, movedToUnmatched);
    }

    /// <summary>Whether the message was a report that matched (or needed nothing), and how many events it recorded.</summary>
    private async Task<(bool Matched, int Recorded)> RecordAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        if (DeliveryReports.Parse(message) is not { } report)
        {
            return (false, 0);
        }
        if (report.Recipients.Count == 0)
        {
            // A delay warning or a success notice: read, nothing to record.
            return (true, 0);
        }
        var outboxId = await OutboxIdAsync(report, cancellationToken);
        var (matched, recorded) = (false, 0);
        for (var i = 0; i < report.Recipients.Count; i++)
        {
            var recipient = report.Recipients[i];
            // The return path names one message, so one recipient; several recipients are told apart by address. Each
            // recipient of one report keeps an id of its own, so reading the report again finds each one recorded.
            var bounce = new BounceReport(recipient.Address, recipient.Kind, report.Source, recipient.Detail,
                report.Recipients.Count == 1 ? outboxId : null, i == 0 ? report.ReportMessageId : $"{report.ReportMessageId}#{i + 1}");
            await using var scope = scopes.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<BounceRecorder>().RecordAsync(bounce, cancellationToken);
            matched |= outcome != BounceOutcome.Unmatched;
            recorded += outcome is BounceOutcome.Recorded or BounceOutcome.Suppressed ? 1 : 0;
        }
        return (matched, recorded);
    }

    // The signed return path first (it names the message for certain), then the Message-Id of the attached original.
    private async Task<long?> OutboxIdAsync(MailboxReport report, CancellationToken cancellationToken)
    {
        foreach (var address in report.ReturnAddresses)
        {
            if (await returnPaths.MessageIdOfAsync(address, cancellationToken) is { } id)
            {
                return id;
            }
        }
        return DeliveryReports.OutboxIdOf(report.OriginalMessageId, new Uri(site.Value.BaseUrl).Host);
    }

    private static async Task<IMailFolder> FolderAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFolderAsync(name, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            return await root.CreateAsync(name, isMessageFolder: true, cancellationToken)
                ?? throw new InvalidOperationException($"The IMAP server did not create the folder {name}.");
        }
    }

    private static SecureSocketOptions SocketOptionsOf(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

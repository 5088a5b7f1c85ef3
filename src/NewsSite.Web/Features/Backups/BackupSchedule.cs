using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NewsSite.Web.Infrastructure.Jobs;

namespace NewsSite.Web.Features.Backups;

/// <summary>
/// Makes a backup into the backups folder when the newest there is Backups:EveryHours old (or there is none), and
/// when the newsroom asks for one now. Under the backup lease, so two nodes, or the schedule and the button, never
/// write backups at once; a request made while another backup runs is dropped, since that one is as fresh.
/// </summary>
public sealed class BackupSchedule(BackupService backups, IJobLeases leases, TimeProvider clock, IOptions<BackupOptions> options, SiteStarted siteStarted, ILogger<BackupSchedule> logger) : BackgroundService
{
    private readonly Channel<bool> requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a backup as soon as possible; the page shows it when it is done.</summary>
    public void RequestNow() => requests.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await siteStarted.WhenStartedAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.CheckSeconds), clock);
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        var requested = requests.Reader.ReadAsync(stoppingToken).AsTask();
        while (true)
        {
            await Task.WhenAny(tick, requested);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            var asked = requested.IsCompletedSuccessfully;
            if (asked)
            {
                requested = requests.Reader.ReadAsync(stoppingToken).AsTask();
            }
            if (tick.IsCompleted)
            {
                tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
            }
            try
            {
                if (asked || Due())
                {
                    await RunAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "The backup failed; trying again at the next check");
            }
        }
    }

    private bool Due() =>
        options.Value.EveryHours > 0 &&
        (backups.Newest() is not { } newest || clock.GetUtcNow().UtcDateTime - newest >= TimeSpan.FromHours(options.Value.EveryHours));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        await using var lease = await leases.TryAcquireAsync(JobNames.Backup, stoppingToken);
        if (lease is null)
        {
            logger.LogInformation("A backup is already being made elsewhere; skipping this one");
            return;
        }
        await backups.BackUpNowAsync(stoppingToken);
    }
}

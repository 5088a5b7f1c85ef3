namespace NewsSite.Web.Infrastructure.Jobs;

/// <summary>
/// When background jobs may begin their first round: once the site serves requests and has read what every page shows
/// (<see cref="DatabaseInitializer"/>). A node restarting in a deploy has two cores' worth of start-up to do (the
/// database, the request pipeline, the first answers); seven jobs each compiling their first queries at the moment it
/// began to serve delayed its first answer by 0.15-0.2 s on a small server, and each would also have done EF Core's
/// one-time query set-up, which the start-up's own first read does once.
/// </summary>
public sealed class SiteStarted(IHostApplicationLifetime lifetime)
{
    private readonly TaskCompletionSource pagesRead = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        await pagesRead.Task.WaitAsync(stoppingToken);
    }

    /// <summary>Called once the start-up's first read is over, whether it succeeded or not.</summary>
    internal void PagesRead() => pagesRead.TrySetResult();
}

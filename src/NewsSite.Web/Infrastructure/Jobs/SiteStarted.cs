namespace NewsSite.Web.Infrastructure.Jobs;

public static class SiteStarted
{
    /// <summary>
    /// Completes once the site serves requests. Background jobs wait for it before their first round: a node restarting
    /// in a deploy has two cores' worth of start-up to do (the database, the request pipeline, the first answers), and a
    /// job's first round, with its first queries to compile, only slowed that down.
    /// </summary>
    public static async Task WhenSiteStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }
}

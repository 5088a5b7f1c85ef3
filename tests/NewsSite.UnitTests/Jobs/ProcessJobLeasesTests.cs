using NewsSite.Web.Infrastructure.Jobs;

namespace NewsSite.UnitTests.Jobs;

public sealed class ProcessJobLeasesTests
{
    [Fact]
    public async Task ALeaseHeld_RefusesASecondRunner_UntilReleased()
    {
        var leases = new ProcessJobLeases();

        var first = await leases.TryAcquireAsync(JobNames.PublishScheduled, CancellationToken.None);
        var second = await leases.TryAcquireAsync(JobNames.PublishScheduled, CancellationToken.None);
        var otherJob = await leases.TryAcquireAsync(JobNames.OutboxCleanUp, CancellationToken.None);
        await first!.DisposeAsync();
        await first.DisposeAsync();
        var third = await leases.TryAcquireAsync(JobNames.PublishScheduled, CancellationToken.None);
        var fourth = await leases.TryAcquireAsync(JobNames.PublishScheduled, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.NotNull(otherJob);
        Assert.NotNull(third);
        Assert.Null(fourth);
    }
}

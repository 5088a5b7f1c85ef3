using Microsoft.Extensions.Options;
using NewsSite.Web.Features.Newsletter;

namespace NewsSite.Web.Features.Newsletter.Delivery;

/// <summary>Pacing for one node: a semaphore of connection slots and a line of send times kept in this process.</summary>
public sealed class LocalDeliveryPacing : IDeliveryPacing, IDisposable
{
    private readonly SemaphoreSlim connections;
    private readonly TimeProvider clock;
    private readonly double perSecond;
    private readonly Lock line = new();
    private long nextTurn;

    public LocalDeliveryPacing(IOptions<OutboxOptions> outbox, IOptions<NewsletterOptions> newsletter, TimeProvider clock)
    {
        connections = new SemaphoreSlim(outbox.Value.Connections);
        perSecond = newsletter.Value.MaxPerSecond;
        this.clock = clock;
    }

    public async Task<IAsyncDisposable> TakeConnectionAsync(CancellationToken cancellationToken)
    {
        await connections.WaitAsync(cancellationToken);
        return new Slot(connections);
    }

    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        if (perSecond <= 0)
        {
            return;
        }
        // Each caller takes the next place in one line for the whole process, so the rate holds across rounds and
        // connections; an idle spell does not bank turns for a later burst.
        var spacing = (long)(clock.TimestampFrequency / perSecond);
        long turn;
        lock (line)
        {
            turn = Math.Max(clock.GetTimestamp(), nextTurn);
            nextTurn = turn + spacing;
        }
        var wait = clock.GetElapsedTime(clock.GetTimestamp(), turn);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    public void Dispose() => connections.Dispose();

    private sealed class Slot(SemaphoreSlim connections) : IAsyncDisposable
    {
        private int released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                connections.Release();
            }
            return ValueTask.CompletedTask;
        }
    }
}

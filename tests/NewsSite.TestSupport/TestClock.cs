namespace NewsSite.TestSupport;

/// <summary>
/// A clock the test moves by hand, to simulate hours in seconds. Only the wall clock is moved: timers and delays keep
/// real time, so background services still wake up and see the new "now".
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}

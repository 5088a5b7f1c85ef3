using NewsSite.Web.Features.Newsletter.Delivery;
namespace NewsSite.TestSupport;

/// <summary>The site as the newsroom tests need it: a configured first administrator, a fast scheduler and mail sender.</summary>
public sealed class NewsroomFactory : NewsSiteFactory
{
    public const string AdminEmail = "chief@newsroom.test";
    public const string AdminPassword = "the first administrator password";

    public string PickupDirectory => Path.Combine(DataDirectory, "mail-pickup");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Admin:Email"] = AdminEmail,
        ["Admin:Password"] = AdminPassword,
        ["Publishing:CheckSeconds"] = "0.5",
        ["Outbox:PollSeconds"] = "0.2",
        ["Media:MaxUploadBytes"] = "300000",
    };
}


public static class Poll
{
    /// <summary>Waits for background work by polling with a deadline, never by sleeping a fixed time.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            }
            await Task.Delay(50);
        }
    }
}

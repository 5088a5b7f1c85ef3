using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using NewsSite.Web.Infrastructure.Security;

namespace NewsSite.Web.Infrastructure.Identity;

public sealed class SignInThrottleOptions
{
    public const string SectionName = "SignIn";

    /// <summary>Failed sign-ins for one address before each further failure is answered more slowly.</summary>
    [Range(1, 100)]
    public int FailuresBeforeDelay { get; set; } = 3;

    /// <summary>The longest wait before a failed sign-in is answered (the delay doubles from half a second up to this).</summary>
    [Range(0, 60)]
    public double MaxDelaySeconds { get; set; } = 8;

    /// <summary>Failed sign-ins one client (an IPv4 address or an IPv6 /64) may make per window before it must wait.</summary>
    [Range(1, 10_000)]
    public int FailuresPerClient { get; set; } = 20;

    [Range(1, 24 * 60)]
    public int WindowMinutes { get; set; } = 15;

    /// <summary>Sign-in, two-step and forgotten-password posts per client per minute, whatever their outcome.</summary>
    [Range(1, 10_000)]
    public int PostsPerClientPerMinute { get; set; } = 30;

    /// <summary>Password-reset emails to one address per hour; more requests get the same answer and send nothing.</summary>
    [Range(1, 100)]
    public int ResetEmailsPerAddressPerHour { get; set; } = 3;
}

/// <summary>
/// Slows password guessing without letting a stranger lock anyone out. A failure for an address is answered later
/// the more failures that address has had (for unknown addresses too, so timing says nothing), and a client that
/// keeps failing is refused for a while; the right password from anyone else's client always works. Identity's own
/// lockout is not used for passwords: it let anyone lock out the only administrator with five wrong guesses.
/// </summary>
public sealed class SignInThrottle(IAttemptCounter counter, IOptions<SignInThrottleOptions> options)
{
    public const string RateLimitPolicy = "staff-sign-in";

    private SignInThrottleOptions Settings => options.Value;

    private TimeSpan Window => TimeSpan.FromMinutes(Settings.WindowMinutes);

    public async Task<bool> IsClientRefusedAsync(HttpContext context, CancellationToken cancellationToken) =>
        await counter.CountAsync(ClientKey(context), Window, cancellationToken) >= Settings.FailuresPerClient;

    /// <summary>Counts a failure against the client and the address; returns how long to wait before answering.</summary>
    public async Task<TimeSpan> RecordFailureAsync(HttpContext context, string email, CancellationToken cancellationToken)
    {
        await counter.AddAsync(ClientKey(context), Window, cancellationToken);
        var failures = await counter.AddAsync(AddressKey(email), Window, cancellationToken);
        return DelayAfter(failures);
    }

    public ValueTask RecordSuccessAsync(string email, CancellationToken cancellationToken) =>
        counter.ResetAsync(AddressKey(email), cancellationToken);

    public async Task<bool> MaySendResetAsync(string email, CancellationToken cancellationToken) =>
        await counter.AddAsync("reset:" + Normalise(email), TimeSpan.FromHours(1), cancellationToken) <= Settings.ResetEmailsPerAddressPerHour;

    public TimeSpan DelayAfter(int failures)
    {
        var over = failures - Settings.FailuresBeforeDelay;
        if (over <= 0)
        {
            return TimeSpan.Zero;
        }
        var seconds = Math.Min(0.5 * Math.Pow(2, Math.Min(over - 1, 20)), Settings.MaxDelaySeconds);
        return TimeSpan.FromSeconds(seconds);
    }

    private static string ClientKey(HttpContext context) => "sign-in-client:" + ClientAddress.PartitionKey(context);

    private static string AddressKey(string email) => "sign-in-address:" + Normalise(email);

    private static string Normalise(string email) => email.Trim().ToUpperInvariant();
}

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

    /// <summary>The first wait imposed on an address after <see cref="FailuresBeforeDelay"/> failures; it doubles with each failure.</summary>
    [Range(0, 3600)]
    public double FirstDelaySeconds { get; set; } = 0.5;

    /// <summary>The longest wait between tries for one address.</summary>
    [Range(0, 3600)]
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
/// Slows password guessing without letting a stranger lock anyone out. After a few failures for an address, the next
/// try for it must wait (half a second, doubling): a try that comes sooner is refused before any password is checked,
/// so parallel guesses gain nothing. The same holds for unknown addresses, so the answers say nothing about which
/// exist. A client that keeps failing is refused for a while. A device the person signed in from before (a signed
/// cookie, <see cref="KnownDevices"/>) is exempt from both, so an attack on an address, or from a shared office
/// address, never keeps its owner out. Identity's own lockout is not used for passwords: it let anyone lock out the
/// only administrator with five wrong guesses.
/// </summary>
public sealed class SignInThrottle(IAttemptCounter counter, IOptions<SignInThrottleOptions> options, TimeProvider clock)
{
    public const string RateLimitPolicy = "staff-sign-in";

    private SignInThrottleOptions Settings => options.Value;

    private TimeSpan Window => TimeSpan.FromMinutes(Settings.WindowMinutes);

    public async Task<bool> IsClientRefusedAsync(HttpContext context, CancellationToken cancellationToken) =>
        (await counter.CountAsync(ClientKey(context), Window, cancellationToken)).Count >= Settings.FailuresPerClient;

    /// <summary>How long until the address may be tried again (zero when it may be tried now).</summary>
    public async Task<TimeSpan> WaitBeforeNextTryAsync(string email, CancellationToken cancellationToken)
    {
        var failures = await counter.CountAsync(AddressKey(email), Window, cancellationToken);
        if (failures.Latest is not { } latest)
        {
            return TimeSpan.Zero;
        }
        var wait = latest + DelayAfter(failures.Count) - clock.GetUtcNow().UtcDateTime;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>Counts a failure against the client and the address (and the device, when it is a known one).</summary>
    public async Task RecordFailureAsync(HttpContext context, string email, string? deviceKey, CancellationToken cancellationToken)
    {
        await counter.AddAsync(ClientKey(context), Window, cancellationToken);
        await counter.AddAsync(AddressKey(email), Window, cancellationToken);
        if (deviceKey is not null)
        {
            await counter.AddAsync(DeviceKey(deviceKey), Window, cancellationToken);
        }
    }

    /// <summary>A known device keeps its exemption only while it is not itself the one failing.</summary>
    public async Task<bool> IsDeviceTrustedAsync(string deviceKey, CancellationToken cancellationToken) =>
        (await counter.CountAsync(DeviceKey(deviceKey), Window, cancellationToken)).Count < Settings.FailuresPerClient;

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
        var seconds = Math.Min(Settings.FirstDelaySeconds * Math.Pow(2, Math.Min(over - 1, 20)), Settings.MaxDelaySeconds);
        return TimeSpan.FromSeconds(seconds);
    }

    public static string Normalise(string email) => email.Trim().ToUpperInvariant();

    private static string ClientKey(HttpContext context) => "sign-in-client:" + ClientAddress.PartitionKey(context);

    private static string AddressKey(string email) => "sign-in-address:" + Normalise(email);

    private static string DeviceKey(string deviceKey) => "sign-in-device:" + deviceKey;
}

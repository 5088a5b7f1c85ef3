using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using NewsSite.TestSupport;

namespace NewsSite.ClusterTests;

/// <summary>One web node: `dotnet NewsSite.Web.dll` on a loopback port of its own, with its own data folder and log.</summary>
public sealed class Node : IDisposable
{
    private readonly string dataDirectory;
    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly ConcurrentQueue<string> log = new();
    private Process process;

    private Node(string name, string dataDirectory, IReadOnlyDictionary<string, string> settings, int port)
    {
        Name = name;
        Port = port;
        this.dataDirectory = dataDirectory;
        this.settings = settings;
        process = Launch();
    }

    public string Name { get; }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    /// <summary>Everything the node has logged so far, one line each.</summary>
    public IReadOnlyCollection<string> Log => log;

    public static Node Start(string name, string dataDirectory, IReadOnlyDictionary<string, string> settings) =>
        new(name, dataDirectory, settings, TestServers.FreePort());

    public async Task WaitUntilHealthyAsync()
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Poll.UntilAsync(async () =>
        {
            Assert.False(process.HasExited, $"{Name} stopped at start:\n{string.Join('\n', log)}");
            try
            {
                return (await probe.GetAsync(new Uri(Address, "/healthz"))).StatusCode == HttpStatusCode.OK ? "up" : null;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                return null;
            }
        }, TimeSpan.FromSeconds(90), $"{Name} to start").ContinueWith(task => task.IsFaulted
            ? throw new TimeoutException($"{task.Exception!.InnerException!.Message} Its log so far:\n{string.Join('\n', log.TakeLast(40))}")
            : task.Result);
    }

    /// <summary>Kills the process at once, as a crash or an OOM kill would: no clean shutdown.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>Starts the node again on the same port and data folder, after <see cref="Kill"/>.</summary>
    public Task RestartAsync()
    {
        Kill();
        process.Dispose();
        process = Launch();
        return WaitUntilHealthyAsync();
    }

    private Process Launch()
    {
        var started = StartProcess(dataDirectory, settings, "", new() { ["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/') });
        started.OutputDataReceived += (_, line) => Keep(line.Data);
        started.ErrorDataReceived += (_, line) => Keep(line.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            log.Enqueue(line);
        }
    }

    internal static Process StartProcess(string dataDirectory, IReadOnlyDictionary<string, string> settings, string arguments, Dictionary<string, string> extra)
    {
        var site = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", $"\"{site}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(site)!,
        };
        foreach (var (key, value) in settings.Concat(extra))
        {
            start.Environment[key] = value;
        }
        start.Environment["Storage__DataDirectory"] = dataDirectory;
        start.Environment["Smtp__PickupDirectory"] = Path.Combine(dataDirectory, "mail-pickup");
        return Process.Start(start)!;
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}

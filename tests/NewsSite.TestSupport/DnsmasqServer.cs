using System.Diagnostics;
using System.Globalization;
using System.Net;
using DnsClient;

namespace NewsSite.TestSupport;

/// <summary>
/// A throwaway DNS server: Debian's dnsmasq on a loopback port, answering only the TXT records it was started with
/// (no upstream, no /etc/hosts). Stopped on dispose.
/// </summary>
public sealed class DnsmasqServer : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/dnsmasq";

    // A TXT record is made of strings of at most 255 bytes; longer values (DKIM keys) are split, as in real zones.
    // dnsmasq takes its strings comma-separated, unquoted on the command line (quotes would be part of the text).
    private const int StringLength = 250;

    private readonly Process process;

    private DnsmasqServer(int port, IReadOnlyList<(string Name, string Text)> records)
    {
        Port = port;
        var start = new ProcessStartInfo(Executable)
        {
            ArgumentList =
            {
                "--keep-in-foreground", $"--port={port.ToString(CultureInfo.InvariantCulture)}", "--listen-address=127.0.0.1", "--bind-interfaces",
                "--no-resolv", "--no-hosts", "--conf-file=/dev/null", "--pid-file=", "--log-facility=-",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, text) in records)
        {
            start.ArgumentList.Add($"--txt-record={name}," + string.Join(",", text.Chunk(StringLength).Select(c => new string(c))));
        }
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public static string? UnavailableReason =>
        File.Exists(Executable) ? null : $"No {Executable}: install Debian's dnsmasq-base package to run the DNS tests.";

    public static async Task<DnsmasqServer> StartAsync(IReadOnlyList<(string Name, string Text)> records)
    {
        if (UnavailableReason is { } reason)
        {
            TestServers.Unavailable(reason);
        }
        var server = new DnsmasqServer(TestServers.FreePort(), records);
        var probe = new LookupClient(new LookupClientOptions(new IPEndPoint(IPAddress.Loopback, server.Port)) { UseCache = false, Timeout = TimeSpan.FromMilliseconds(300), Retries = 0 });
        await Poll.UntilAsync(async () =>
        {
            if (server.process.HasExited)
            {
                throw new InvalidOperationException($"dnsmasq exited at start (code {server.process.ExitCode}).");
            }
            try
            {
                await probe.QueryAsync("ready.invalid", QueryType.TXT);
                return "answering";
            }
            catch (DnsResponseException)
            {
                return null;
            }
        }, TimeSpan.FromSeconds(10), $"dnsmasq on port {server.Port}");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}

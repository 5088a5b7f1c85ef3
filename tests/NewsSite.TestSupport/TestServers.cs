using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NewsSite.TestSupport;

/// <summary>
/// The real servers some tests need (tests/servers/start.sh starts them and prints the variables). Where one is not
/// given the test skips with the reason, unless NEWSSITE_REQUIRE_SERVERS=1 (set by CI), which makes it a failure.
/// </summary>
public static class TestServers
{
    public static bool Required => Environment.GetEnvironmentVariable("NEWSSITE_REQUIRE_SERVERS") == "1";

    /// <summary>host:port of the shared throwaway redis-server (NEWSSITE_TEST_REDIS).</summary>
    public static string Redis()
    {
        var address = Environment.GetEnvironmentVariable("NEWSSITE_TEST_REDIS");
        if (string.IsNullOrWhiteSpace(address))
        {
            Unavailable("NEWSSITE_TEST_REDIS is not set: run `eval \"$(tests/servers/start.sh)\"` to start a throwaway redis-server.");
        }
        return address!;
    }

    /// <summary>A prefix of its own for one test's site, so tests sharing the Redis server never see each other's keys.</summary>
    public static string RedisInstance() => $"test-{Guid.NewGuid():n}:";

    /// <summary>A loopback port nothing listens on (at the moment of asking).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public static void Unavailable(string reason)
    {
        if (Required)
        {
            throw new InvalidOperationException(reason + " NEWSSITE_REQUIRE_SERVERS=1 makes this a failure.");
        }
        Skip.If(true, reason);
    }
}

/// <summary>A redis-server of the test's own, for tests that stop it on purpose (the shared one must stay up).</summary>
public sealed class RedisServerProcess : IDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private readonly Process process;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "newssite-tests", $"redis-{Guid.NewGuid():n}");

    private RedisServerProcess(int port)
    {
        Port = port;
        Directory.CreateDirectory(folder);
        process = Process.Start(new ProcessStartInfo(Executable)
        {
            ArgumentList = { "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--dir", folder },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public static async Task<RedisServerProcess> StartAsync()
    {
        if (!File.Exists(Executable))
        {
            TestServers.Unavailable($"No {Executable}: install Debian's redis-server package to run this test.");
        }
        var server = new RedisServerProcess(TestServers.FreePort());
        await Poll.UntilAsync(async () => await server.AnswersAsync() ? "ready" : null, TimeSpan.FromSeconds(10), $"redis-server on port {server.Port}");
        return server;
    }

    /// <summary>Kills the server as a crash would, and waits until it is gone.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }
        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    // Our own process must be the one answering: another redis already on the port would answer while ours exited.
    private async Task<bool> AnswersAsync()
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"redis-server exited at start (code {process.ExitCode}).");
        }
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("INFO server\r\n"u8.ToArray());
            var buffer = new byte[8192];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).Contains($"process_id:{process.Id}\r\n", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NewsSite.Tools;

/// <summary>
/// The smallest SMTP server that accepts mail and counts it, for the fan-out benchmark. The SmtpServer package used
/// by the tests answers with small delayed writes (about 25 messages a second here), which would measure the sink,
/// not the site; this one turns Nagle off and answers pipelined commands at once.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private long count;

    public SmtpSink()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public long Count => Interlocked.Read(ref count);

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                client.NoDelay = true;
                _ = ServeAsync(client);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = false };
            async Task Reply(string line)
            {
                await writer.WriteLineAsync(line);
                // Pipelined commands are answered together: flush only when nothing more is waiting.
                if (!client.Available.Equals(0) && reader.Peek() >= 0)
                {
                    return;
                }
                await writer.FlushAsync();
            }
            await writer.WriteLineAsync("220 localhost sink");
            await writer.FlushAsync();
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost");
                        await writer.WriteLineAsync("250-PIPELINING");
                        await writer.WriteLineAsync("250-8BITMIME");
                        await Reply("250 SIZE 52428800");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 go ahead");
                        await writer.FlushAsync();
                        while (await reader.ReadLineAsync() is { } data && data != ".")
                        {
                        }
                        Interlocked.Increment(ref count);
                        await Reply("250 queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        await writer.FlushAsync();
                        return;
                    default:
                        await Reply("250 ok");
                        break;
                }
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        stopping.Cancel();
        listener.Stop();
        stopping.Dispose();
        return ValueTask.CompletedTask;
    }
}

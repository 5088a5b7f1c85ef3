using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using NewsSite.Web.Features.Newsletter.Delivery;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace NewsSite.TestSupport;

/// <summary>
/// A real SMTP server on 127.0.0.1, in the test process; the site reaches it through MailKit over TCP. Its port is
/// chosen before it starts, so a test can configure the site with a server that is not up yet.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly Store store = new();
    private SmtpServer.SmtpServer? server;
    private CancellationTokenSource? stopping;

    public TestSmtpServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Messages => store.Messages;

    public IEnumerable<MimeMessage> To(string address) => store.Messages.Where(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, address, StringComparison.OrdinalIgnoreCase)));

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        server = new SmtpServer.SmtpServer(options, services);
        stopping = new CancellationTokenSource();
        _ = server.StartAsync(stopping.Token);
        await Poll.UntilAsync(async () =>
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return (bool?)true;
            }
            catch (SocketException)
            {
                return null;
            }
        }, TimeSpan.FromSeconds(10), "the test SMTP server to listen");
    }

    /// <summary>Waits for a message to <paramref name="to"/> whose subject contains <paramref name="subject"/>.</summary>
    public Task<MimeMessage> WaitForAsync(string to, string subject, TimeSpan? timeout = null) =>
        Poll.UntilAsync(() => Task.FromResult(To(to).FirstOrDefault(m => (m.Subject ?? "").Contains(subject, StringComparison.OrdinalIgnoreCase))),
            timeout ?? TimeSpan.FromSeconds(15), $"an email to {to} about \"{subject}\"");

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            server.Shutdown();
            stopping?.Cancel();
            try
            {
                await server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception)
            {
                // Stopping a test server: nothing to report.
            }
        }
        stopping?.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(MimeMessage.Load(stream, cancellationToken));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}

/// <summary>The site sending real SMTP to a <see cref="TestSmtpServer"/>, started (or not) by the fixture.</summary>
public class SmtpSiteFactory : NewsSiteFactory
{
    public TestSmtpServer Smtp { get; } = new();

    protected virtual int SignupsPerMinute => 100_000;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Smtp.Port.ToString(),
        ["Smtp:Security"] = "None",
        ["Smtp:TimeoutSeconds"] = "5",
        ["Outbox:PollSeconds"] = "0.1",
        ["Outbox:FirstRetrySeconds"] = "0.2",
        ["Newsletter:MaxPerSecond"] = "0",
        ["Newsletter:SignupsPerMinutePerIp"] = SignupsPerMinute.ToString(),
        ["Admin:Email"] = NewsroomFactory.AdminEmail,
        ["Admin:Password"] = NewsroomFactory.AdminPassword,
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The newsletter tests' shared site, with its SMTP server running from the start.</summary>
public sealed class NewsletterFactory : SmtpSiteFactory, IAsyncLifetime
{
    public Task InitializeAsync() => Smtp.StartAsync();

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}


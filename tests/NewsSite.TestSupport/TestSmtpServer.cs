using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using NewsSite.Web.Features.Newsletter.Delivery;
using SmtpServer;
using SmtpServer.Mail;
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
    private readonly Filter filter = new();
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

    /// <summary>The MAIL FROM a received message came with (its return path).</summary>
    public string? EnvelopeSenderOf(MimeMessage message) => store.EnvelopeSenders.TryGetValue(message, out var sender) ? sender : null;

    /// <summary>
    /// Refuses mail to <paramref name="address"/> at RCPT with <paramref name="code"/>: 550 (no such user, a hard
    /// bounce) or 450 (mailbox busy, try later).
    /// </summary>
    public void Reject(string address, int code = 550) => filter.Rejected[address.ToLowerInvariant()] = code;

    /// <summary>How many times RCPT was refused for <paramref name="address"/>.</summary>
    public int RefusalsOf(string address) => filter.Refusals.TryGetValue(address.ToLowerInvariant(), out var count) ? count : 0;

    public IEnumerable<MimeMessage> To(string address) => store.Messages.Where(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, address, StringComparison.OrdinalIgnoreCase)));

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        services.Add(filter);
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

        public ConcurrentDictionary<MimeMessage, string> EnvelopeSenders { get; } = new(ReferenceEqualityComparer.Instance);

        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, cancellationToken);
            EnvelopeSenders[message] = transaction.From.AsAddress();
            Messages.Enqueue(message);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Filter : IMailboxFilter
    {
        public ConcurrentDictionary<string, int> Rejected { get; } = new();

        public ConcurrentDictionary<string, int> Refusals { get; } = new();

        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            var address = to.AsAddress().ToLowerInvariant();
            if (!Rejected.TryGetValue(address, out var code))
            {
                return Task.FromResult(true);
            }
            Refusals.AddOrUpdate(address, 1, (_, count) => count + 1);
            throw new SmtpResponseException(code >= 500
                ? new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.1.1 No such user here")
                : new SmtpResponse((SmtpReplyCode)code, "4.2.1 Mailbox busy, try again later"));
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


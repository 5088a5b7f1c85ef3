using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using NewsSite.Web.Infrastructure;

namespace NewsSite.Web.Features.Newsletter.Delivery;

/// <summary>Where mail goes: an SMTP server, or a pickup folder of .eml files when none is configured.</summary>
public interface IMailTransport
{
    /// <summary>Opens one connection for a batch of messages.</summary>
    Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken);
}

public interface IMailConnection : IAsyncDisposable
{
    /// <summary>
    /// Sends one message. Throws <see cref="MailRejectedException"/> when the server refuses this message; any other
    /// failure means the connection itself is gone.
    /// </summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Sends one message with <paramref name="envelopeSender"/> as MAIL FROM (the per-message return path), where the
    /// transport has an envelope; by default (the pickup folder, test doubles) it is ignored.
    /// </summary>
    Task SendAsync(MimeMessage message, MailboxAddress? envelopeSender, CancellationToken cancellationToken) => SendAsync(message, cancellationToken);
}

/// <summary>
/// The server answered this one message with a 4xx/5xx: the message's own failure, not the connection's.
/// <paramref name="statusCode"/> is the server's reply code (550, 452, …), 0 when no server answered (the message
/// could not be composed).
/// </summary>
public sealed class MailRejectedException(string message, Exception inner, int statusCode = 0) : Exception(message, inner)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>A 5xx: the address or message is refused for good; retrying cannot help.</summary>
    public bool IsPermanent => StatusCode is >= 500 and < 600;

    /// <summary>A 4xx: try again later.</summary>
    public bool IsTransient => StatusCode is >= 400 and < 500;
}

public sealed class SmtpMailTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    public async Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            var security = smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.Auto,
            };
            var host = smtp.Host ?? throw new InvalidOperationException("Smtp:Host is not set.");
            // Our own socket with Nagle off: SMTP is many small writes waiting on replies, and with Nagle on every
            // message waited tens of milliseconds on delayed ACKs (measured: 88 ms a message, 11 messages a second).
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(host, smtp.Port, cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            await client.ConnectAsync(socket, host, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
            }
            return new Connection(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Connection(SmtpClient client) : IMailConnection
    {
        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken) => SendAsync(message, null, cancellationToken);

        public async Task SendAsync(MimeMessage message, MailboxAddress? envelopeSender, CancellationToken cancellationToken)
        {
            try
            {
                if (envelopeSender is null)
                {
                    await client.SendAsync(message, cancellationToken);
                }
                else
                {
                    // The envelope sender only: no Return-Path header, which the receiving server writes from it.
                    await client.SendAsync(message, envelopeSender, message.To.Mailboxes.ToList(), cancellationToken);
                }
            }
            // 421 is the server closing the whole session, whatever message was in flight: a connection failure.
            catch (SmtpCommandException exception) when (exception.StatusCode != SmtpStatusCode.ServiceNotAvailable)
            {
                throw new MailRejectedException($"{(int)exception.StatusCode} {exception.Message}", exception, (int)exception.StatusCode);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception)
            {
                // The messages are already accepted; a failed QUIT changes nothing.
            }
            client.Dispose();
        }
    }
}

/// <summary>Writes each message as an .eml file: the embedded default, so a fresh install can "send" mail with no server.</summary>
public sealed class PickupDirectoryTransport(DataPaths paths, IOptions<SmtpOptions> options) : IMailTransport
{
    public string Directory => string.IsNullOrWhiteSpace(options.Value.PickupDirectory)
        ? Path.Combine(paths.DataDirectory, "mail-pickup")
        : paths.Resolve(options.Value.PickupDirectory);

    public Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Task.FromResult<IMailConnection>(new Connection(Directory));
    }

    private sealed class Connection(string directory) : IMailConnection
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var name = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():n}.eml";
            var temporary = Path.Combine(directory, name + ".tmp");
            // Written under a temporary name and renamed, so a reader of the folder never sees half a message.
            await message.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, Path.Combine(directory, name));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace NewsSite.TestSupport;

/// <summary>
/// A throwaway IMAP server: Debian's dovecot on a loopback port, its configuration, Maildir and logs in a temp folder,
/// with one mailbox (<see cref="Username"/> / <see cref="Password"/>). Started by the test, stopped on dispose.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/dovecot";
    public const string Username = "bounces";
    public const string Password = "bounce-secret";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "newssite-tests", $"dovecot-{Guid.NewGuid():n}");
    private Process? process;

    public int Port { get; } = TestServers.FreePort();

    /// <summary>Why the server cannot run here, or null when it can (checked before starting it).</summary>
    public static string? UnavailableReason =>
        !OperatingSystem.IsWindows() && File.Exists(Executable) ? null : $"No {Executable}: install Debian's dovecot-imapd package to run the bounce mailbox tests.";

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task StartAsync()
    {
        var (uid, gid) = Nobody();
        Directory.CreateDirectory(Path.Combine(folder, "run"));
        var home = Path.Combine(folder, "mail", Username);
        Directory.CreateDirectory(home);
        foreach (var path in new[] { folder, Path.Combine(folder, "mail"), home })
        {
            // dovecot's processes run as nobody and must write the Maildir and their sockets here.
            File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
        }
        await File.WriteAllTextAsync(Path.Combine(folder, "passwd"), $"{Username}:{{PLAIN}}{Password}:{uid}:{gid}::{home}\n");
        // Blocks over several lines: dovecot refuses "{ … }" on one line.
        await File.WriteAllTextAsync(Path.Combine(folder, "dovecot.conf"), $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{folder}}/run
            state_dir = {{folder}}/run
            log_path = {{folder}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            passdb {
              driver = passwd-file
              args = {{folder}}/passwd
            }
            userdb {
              driver = passwd-file
              args = {{folder}}/passwd
            }
            mail_location = maildir:~/Maildir
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
            }
            default_login_user = nobody
            default_internal_user = nobody

            """);
        process = Process.Start(new ProcessStartInfo(Executable)
        {
            ArgumentList = { "-c", Path.Combine(folder, "dovecot.conf"), "-F" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Poll.UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"dovecot exited at start (code {process.ExitCode}): {Log()}");
            }
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return "listening";
            }
            catch (SocketException)
            {
                return null;
            }
        }, TimeSpan.FromSeconds(15), $"dovecot on port {Port}");
    }

    /// <summary>Puts a message into a folder of the mailbox (made when missing) with IMAP APPEND, as a mail server would deliver it.</summary>
    public async Task AppendAsync(MimeMessage message, string folderName = "INBOX")
    {
        using var client = await ConnectAsync();
        var target = await FolderAsync(client, folderName) ?? await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(folderName, true);
        await target!.AppendAsync(message);
        await client.DisconnectAsync(true);
    }

    /// <summary>The messages in a folder now; empty when the folder does not exist.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MessagesAsync(string folderName)
    {
        using var client = await ConnectAsync();
        var list = new List<MimeMessage>();
        if (await FolderAsync(client, folderName) is { } target)
        {
            await target.OpenAsync(FolderAccess.ReadOnly);
            foreach (var uid in await target.SearchAsync(SearchQuery.All))
            {
                list.Add(await target.GetMessageAsync(uid));
            }
        }
        await client.DisconnectAsync(true);
        return list;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            // SIGTERM lets the master stop its own children (auth, imap-login); a kill would leave them behind.
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        process?.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient { Timeout = 10_000 };
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(Username, Password);
        return client;
    }

    private static async Task<IMailFolder?> FolderAsync(ImapClient client, string name)
    {
        try
        {
            return await client.GetFolderAsync(name);
        }
        catch (FolderNotFoundException)
        {
            return null;
        }
    }

    private string Log() => File.Exists(Path.Combine(folder, "dovecot.log")) ? File.ReadAllText(Path.Combine(folder, "dovecot.log")) : "(no log)";

    private static (string Uid, string Gid) Nobody()
    {
        var line = File.ReadLines("/etc/passwd").FirstOrDefault(l => l.StartsWith("nobody:", StringComparison.Ordinal));
        var fields = line?.Split(':');
        return fields is { Length: > 3 } ? (fields[2], fields[3]) : ("65534", "65534");
    }
}

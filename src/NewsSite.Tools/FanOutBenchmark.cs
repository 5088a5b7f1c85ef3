using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter;
using NewsSite.Web.Features.Newsletter.Delivery;
using NewsSite.Web.Features.Newsletter.Issues;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Identity;

namespace NewsSite.Tools;

/// <summary>
/// Sends one newsletter issue to every confirmed subscriber of a database, through the site's own outbox and sender,
/// to the small SMTP sink on loopback in this process (or an external one); reports the time to enqueue, the sending rate and peak memory.
/// The site's services are wired by the same SiteComposition.AddNewsSite as Program.cs (without the web pipeline).
/// Every message is DKIM-signed (RSA-SHA256, 2048 bits), as a real deployment's would be, with a throwaway key made
/// beside the database.
/// </summary>
public static class FanOutBenchmark
{
    public static async Task<int> RunAsync(string databasePath, TextWriter log, int? externalSmtpPort = null)
    {
        await using var sink = new SmtpSink();
        var port = externalSmtpPort ?? sink.Port;
        var dkimKey = Path.Combine(Path.GetDirectoryName(databasePath)!, "fanout-dkim.pem");
        using (var rsa = RSA.Create(2048))
        {
            await File.WriteAllTextAsync(dkimKey, rsa.ExportRSAPrivateKeyPem());
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Benchmark" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:News"] = $"Data Source={databasePath}",
            ["Storage:DataDirectory"] = Path.Combine(Path.GetDirectoryName(databasePath)!, "fanout-data"),
            ["Database:SeedSampleContent"] = "false",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Outbox:BatchSize"] = "1000",
            ["Outbox:PollSeconds"] = "0.2",
            ["Newsletter:MaxPerSecond"] = "0",
            ["Smtp:Dkim:Domain"] = "localhost",
            ["Smtp:Dkim:Selector"] = "bench",
            ["Smtp:Dkim:PrivateKeyFile"] = dkimKey,
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Admin:Email"] = "bench@example.org",
            ["Admin:Password"] = "benchmark password only",
        });
        builder.AddNewsSite();
        await using var app = builder.Build();
        await app.StartAsync();

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var sender = scope.ServiceProvider.GetRequiredService<NewsletterIssueQueue>();
        var confirmed = await db.Subscribers.CountAsync(s => s.Status == SubscriberStatus.Confirmed);
        var stories = (await sender.RecentStoriesAsync(CancellationToken.None)).Take(5).Select(s => s.Id).ToList();
        var issueId = await sender.SaveAsync(null, $"Benchmark issue {DateTime.UtcNow:O}", "Good morning.", stories, "benchmark", CancellationToken.None);

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        var enqueue = Stopwatch.StartNew();
        var (_, queued) = await sender.SendAsync(issueId!.Value, CancellationToken.None);
        enqueue.Stop();
        log.WriteLine($"Enqueued {queued:N0} messages in {enqueue.Elapsed.TotalSeconds:0.00} s");

        var sending = Stopwatch.StartNew();
        long peak = 0;
        var lastReport = TimeSpan.Zero;
        var kind = NewsletterIssueQueue.KindOf(issueId.Value);
        long delivered = 0;
        while (delivered < queued && sending.Elapsed < TimeSpan.FromMinutes(30))
        {
            await Task.Delay(250);
            delivered = externalSmtpPort is null ? sink.Count : await db.Outbox.CountAsync(m => m.Kind == kind && m.Status == OutboxStatus.Sent);
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
            if (sending.Elapsed - lastReport > TimeSpan.FromSeconds(5))
            {
                lastReport = sending.Elapsed;
                log.WriteLine($"  sent {delivered:N0} / {queued:N0} ({delivered / sending.Elapsed.TotalSeconds:N0}/s), working set {process.WorkingSet64 / 1024 / 1024} MB");
            }
        }
        sending.Stop();
        var result = new
        {
            subscribers = confirmed,
            queued,
            enqueueSeconds = Math.Round(enqueue.Elapsed.TotalSeconds, 2),
            sendSeconds = Math.Round(sending.Elapsed.TotalSeconds, 2),
            messagesPerSecond = Math.Round(delivered / sending.Elapsed.TotalSeconds),
            dkimSigned = true,
            delivered,
            workingSetBeforeMb = baseline / 1024 / 1024,
            peakWorkingSetMb = peak / 1024 / 1024,
        };
        log.WriteLine(JsonSerializer.Serialize(result));
        await app.StopAsync();
        File.Delete(dkimKey);
        return delivered == queued ? 0 : 1;
    }
}

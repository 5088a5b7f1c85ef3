using System.Net;
using NewsSite.TestSupport;

namespace NewsSite.ClusterTests;

[Collection(ClusterCollection.Name)]
public sealed class RunOnceTests(Cluster cluster)
{
    [SkippableFact]
    public async Task FiveStoriesDueAtOneSecond_AreEachPublishedOnce_WithOneAuditEntryEach()
    {
        using var editor = Cluster.Client(cluster.Nodes[0].Address);
        await editor.SignInAsync(Cluster.AdminEmail, Cluster.AdminPassword);
        var section = Html.Parse(await editor.GetStringAsync("/admin/articles/new")).QuerySelectorAll("#SectionId option")
            .Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;
        // All due at the same second, written in the site's time zone as the form reads it. The first whole minute at least 50 s away leaves the five saves 20 s or more before the 30 s margin (the
        // next whole minute after "90 s from now" could be 31 s away, and under load the saves outlasted the 1 s left).
        var soon = DateTime.UtcNow.AddSeconds(50);
        var dueUtc = new DateTime(soon.Year, soon.Month, soon.Day, soon.Hour, soon.Minute, 0, DateTimeKind.Utc);
        if (dueUtc < soon)
        {
            dueUtc = dueUtc.AddMinutes(1);
        }
        var due = TimeZoneInfo.ConvertTimeFromUtc(dueUtc, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        var titles = Enumerable.Range(1, 5).Select(i => $"Due together {i} {Guid.NewGuid():n}").ToList();
        // One after another, each from its own form, all well before the chosen minute begins (at least 30 s).
        var scheduled = new List<HttpResponseMessage>();
        foreach (var title in titles)
        {
            scheduled.Add(await editor.PostFormAsync("/admin/articles/schedule", new()
            {
                ["Title"] = title,
                ["Standfirst"] = "Scheduled for the same second as four others.",
                ["SectionId"] = section,
                ["BodyMarkdown"] = "A paragraph.",
                ["Tags"] = "",
                ["Version"] = "0",
                ["PublishAt"] = due.ToString("yyyy-MM-ddTHH:mm"),
            }, "/admin/articles/new"));
        }
        Assert.All(scheduled, response => Assert.Equal(HttpStatusCode.Redirect, response.StatusCode));

        using var reader = cluster.ThroughNginx();
        await Poll.UntilAsync(async () => titles.All((await reader.GetStringAsync("/feed.xml")).Contains) ? "published" : null,
            TimeSpan.FromSeconds(120), "the five stories to be published");
        await Task.Delay(TimeSpan.FromSeconds(1));

        var audit = await editor.GetStringAsync("/admin/audit?activity=publish");
        Assert.All(titles, title => Assert.Equal(1, Occurrences(audit, title)));
    }

    [SkippableFact]
    public async Task Health_ReportsTheDatabaseAndRedis_OnEveryNode()
    {
        foreach (var node in cluster.Nodes)
        {
            using var probe = Cluster.Client(node.Address);
            var health = await probe.GetAsync("/healthz");

            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Healthy", (await health.Content.ReadAsStringAsync()).Trim());
        }
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}

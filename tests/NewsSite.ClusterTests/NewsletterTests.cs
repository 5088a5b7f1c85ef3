using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using NewsSite.TestSupport;

namespace NewsSite.ClusterTests;

[Collection(ClusterCollection.Name)]
public sealed partial class NewsletterTests(Cluster cluster)
{
    private const int Subscribers = 300;

    [SkippableFact]
    public async Task NewsletterToHundreds_WithEveryNodeRunning_ReachesEachSubscriberOnce_SentByMoreThanOneNode()
    {
        var (editor, addresses) = await SubscribersAsync("all");
        var roundsBefore = cluster.Nodes.Select(SendingRounds).ToList();
        var subject = $"The week in Harbourton {Guid.NewGuid():n}";

        await SendIssueAsync(editor, subject);

        await Poll.UntilAsync(() => Task.FromResult(addresses.All(a => Received(a, subject) >= 1) ? "all" : null),
            TimeSpan.FromSeconds(90), $"the newsletter to reach all {Subscribers} subscribers");
        // Every node's sender goes round a few more times: a second copy would show now.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.All(addresses, a => Assert.Equal(1, Received(a, subject)));
        var sendingNodes = cluster.Nodes.Where((node, i) => SendingRounds(node) > roundsBefore[i]).Select(n => n.Name).ToList();
        Assert.True(sendingNodes.Count > 1, $"Only {string.Join(", ", sendingNodes)} sent");
    }

    [SkippableFact]
    public async Task NodeKilledMidSend_LosesNoMessage_AnotherNodeFinishesItsBatch()
    {
        var (editor, addresses) = await SubscribersAsync("kill");
        var subject = $"Storm warning {Guid.NewGuid():n}";
        var victim = cluster.Nodes[1];

        await SendIssueAsync(editor, subject);
        // Once sending is under way, the second node dies as a crash would: no clean shutdown, its claims unreleased.
        await Poll.UntilAsync(() => Task.FromResult(addresses.Count(a => Received(a, subject) >= 1) >= 30 ? "started" : null),
            TimeSpan.FromSeconds(60), "sending to begin");
        victim.Kill();

        try
        {
            await Poll.UntilAsync(() => Task.FromResult(addresses.All(a => Received(a, subject) >= 1) ? "all" : null),
                TimeSpan.FromSeconds(90), $"every subscriber to get the newsletter after {victim.Name} died");
            // At most the few messages the dead node had handed to the mail server but not yet marked sent go twice.
            var extra = addresses.Sum(a => Received(a, subject) - 1);
            Assert.InRange(extra, 0, 2);
        }
        finally
        {
            await victim.RestartAsync();
        }
    }

    private int Received(string address, string subject) =>
        cluster.Smtp.To(address).Count(m => (m.Subject ?? "").Contains(subject, StringComparison.Ordinal));

    private static int SendingRounds(Node node) => node.Log.Count(line => RoundDone().IsMatch(line));

    [GeneratedRegex(@"Outbox round done: [1-9]\d* messages attempted")]
    private static partial Regex RoundDone();

    // Confirmed subscribers of this test's own, imported through the newsroom's CSV import on the first node.
    private async Task<(ClusterClient Editor, List<string> Addresses)> SubscribersAsync(string name)
    {
        var editor = Cluster.Client(cluster.Nodes[0].Address);
        await editor.SignInAsync(Cluster.AdminEmail, Cluster.AdminPassword);
        var run = Guid.NewGuid().ToString("n")[..8];
        var addresses = Enumerable.Range(1, Subscribers).Select(i => $"{name}-{run}-{i}@example.org").ToList();
        using var import = new MultipartFormDataContent
        {
            { new StringContent(await editor.TokenAsync("/admin/subscribers")), "__RequestVerificationToken" },
            { new StringContent("true"), "alreadyConfirmed" },
            { new StringContent("cluster test list"), "consentSource" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("email,name\n" + string.Join('\n', addresses))), "file", "subscribers.csv" },
        };
        var imported = await editor.PostAsync("/admin/subscribers/import", import);
        Assert.True(imported.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"Import answered {(int)imported.StatusCode}");
        return (editor, addresses);
    }

    // Only this test's subscribers are confirmed... together with any other test's: each counts only its own.
    private static async Task SendIssueAsync(ClusterClient editor, string subject)
    {
        var story = Html.Parse(await editor.GetStringAsync("/admin/newsletters/new")).QuerySelector("input[name=ArticleIds]")!.GetAttribute("value")!;
        var saved = await editor.PostFormAsync("/admin/newsletters/save", new() { ["Subject"] = subject, ["Intro"] = "Good morning.", ["ArticleIds"] = story }, "/admin/newsletters/new");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var issue = saved.Headers.Location!.OriginalString;
        var sent = await editor.PostFormAsync($"{issue}/send", [], issue);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NewsSite.TestSupport;

namespace NewsSite.ClusterTests;

/// <summary>
/// Issue 13's "what must hold across nodes", end to end on three node processes behind nginx, PostgreSQL and Redis.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(Cluster cluster)
{
    [SkippableFact]
    public async Task EditThroughOneNode_IsSeenThroughEveryOther_WithinOneSecond()
    {
        using var editor = cluster.ThroughNginx();
        await editor.SignInAsync(Cluster.AdminEmail, Cluster.AdminPassword);
        var title = $"Ferry timetable {Guid.NewGuid():n}";
        var (id, url) = await Newsroom.PublishAsync(editor, title);
        var (first, third) = (cluster.Nodes[0], cluster.Nodes[2]);
        // Node C caches the pages first, so a stale copy is there to be replaced.
        using var readerOnThird = Cluster.Client(third.Address);
        Assert.Contains(title, await readerOnThird.GetStringAsync(url));
        Assert.Contains(title, await readerOnThird.GetStringAsync("/"));

        var renamed = $"Ferry timetable changes again {Guid.NewGuid():n}";
        var saved = await Newsroom.SaveWithAsync(editor.At(first.Address), id, new() { ["Title"] = renamed });
        // From the moment node A answered the save: the change is committed and announced by then.
        var watch = Stopwatch.StartNew();

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await Poll.UntilAsync(async () =>
            (await readerOnThird.GetStringAsync(url)).Contains(renamed) && (await readerOnThird.GetStringAsync("/")).Contains(renamed) ? "seen" : null,
            TimeSpan.FromSeconds(5), "node C to show the edit made through node A");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"Node C showed the edit after {watch.ElapsedMilliseconds} ms");

        // The section menu: a section added through node A appears in node C's menu.
        var name = $"Harbour {Guid.NewGuid():n}"[..16];
        var added = await editor.At(first.Address).PostFormAsync("/admin/sections/save", new() { ["Name"] = name, ["Slug"] = "" }, "/admin/sections");
        watch.Restart();
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        await Poll.UntilAsync(async () => (await readerOnThird.GetStringAsync(url)).Contains(name) ? "seen" : null,
            TimeSpan.FromSeconds(5), "node C's menu to list the section added through node A");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"Node C's menu showed the new section after {watch.ElapsedMilliseconds} ms");
    }

    [SkippableFact]
    public async Task SignInAndForms_WorkOnAnyNode()
    {
        using var first = Cluster.Client(cluster.Nodes[0].Address);
        await first.SignInAsync(Cluster.AdminEmail, Cluster.AdminPassword);
        var second = first.At(cluster.Nodes[1].Address);
        var third = first.At(cluster.Nodes[2].Address);

        // A page with a form from node B, posted to node C: the cookie and the form token were made elsewhere.
        var token = await second.TokenAsync("/admin/tags");
        var posted = await third.PostAsync("/admin/sections/save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Name"] = $"Quays {Guid.NewGuid():n}"[..16],
            ["Slug"] = "",
        }));

        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await third.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
    }

    [SkippableFact]
    public async Task SignupLimit_HoldsForTheCluster_ThroughNginx()
    {
        // nginx spreads the posts over the three nodes; the limit (10 a minute per address) is one count in Redis.
        // Every post comes from 127.0.0.1, which nginx passes on as X-Forwarded-For.
        using var reader = cluster.ThroughNginx();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            // The signup form carries no antiforgery token: its boxes are on cached pages (docs/decisions/0003).
            var response = await reader.PostAsync("/newsletter/signup", new FormUrlEncodedContent([new("Email", $"limit-{i}-{Guid.NewGuid():n}@example.org")]));
            answers.Add(response.StatusCode);
        }

        Assert.Equal(10, answers.Count(a => a == HttpStatusCode.OK));
        Assert.Equal(2, answers.Count(a => a == HttpStatusCode.TooManyRequests));
    }

    [SkippableFact]
    public async Task ImageUploadedOnOneNode_IsServedByAnother()
    {
        using var writer = Cluster.Client(cluster.Nodes[0].Address);
        await writer.SignInAsync(Cluster.AdminEmail, Cluster.AdminPassword);
        var alt = $"Harbour at dawn {Guid.NewGuid():n}";
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(await writer.TokenAsync("/admin/media")), "__RequestVerificationToken" },
            { new StringContent(alt), "Upload.AltText" },
        };
        var image = new ByteArrayContent(TinyPng());
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        upload.Add(image, "Upload.File", "harbour.png");

        var uploaded = await writer.PostAsync("/admin/media", upload);

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var library = Html.Parse(await writer.GetStringAsync("/admin/media"));
        var src = library.QuerySelectorAll("img").First(i => i.GetAttribute("alt") == alt).GetAttribute("src")!;
        using var onThird = Cluster.Client(cluster.Nodes[2].Address);
        var served = await onThird.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.StartsWith("image/", served.Content.Headers.ContentType?.MediaType);
    }

    // 64×48 pixels, one colour: a real PNG the site decodes and re-encodes.
    private static byte[] TinyPng()
    {
        using var bitmap = new SkiaSharp.SKBitmap(64, 48);
        bitmap.Erase(new SkiaSharp.SKColor(30, 80, 140));
        using var data = SkiaSharp.SKImage.FromBitmap(bitmap).Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}

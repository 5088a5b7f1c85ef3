using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace NewsSite.Tools;

public sealed record WorkloadOptions(Uri Site, int Seconds, int Connections, string Email, string Password, int Seed = 7,
    int EditEverySeconds = 30, int PublishEverySeconds = 120);

/// <summary>
/// A newsroom's traffic against a running site, fixed so it cannot be tuned (issue 18): readers ask for the front page
/// 15 %, section and tag pages 10 %, a search 5 %, a feed 2 %, and an article 68 % of the time, the article chosen on a
/// Zipf curve (exponent 1.0) by recency; a crawler adds 10 % more requests spread evenly over the whole archive; an
/// editor, signed in through the real form, updates a published story every 30 s and publishes a new one every 2
/// minutes. It reports the share of readers' requests answered from the page cache (they carry an Age header),
/// requests per second, p50/p99, and how stale a changed page was ever seen after its change was saved.
/// </summary>
public sealed partial class NewsroomWorkload(WorkloadOptions options, TextWriter output)
{
    private static readonly string[] CommonWords = ["government", "city", "market", "council", "health", "school", "police", "climate"];

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private readonly List<double> readerLatencies = [];
    private readonly Dictionary<string, (string Marker, double Since)> awaited = new(StringComparer.Ordinal);
    private long readerRequests, readerHits, crawlerRequests, failures, laterReaderRequests, laterReaderHits;
    // Per kind of reader page (front, list, search, feed, article): requests and hits, in the second half.
    private readonly Dictionary<string, (long Requests, long Hits)> laterByKind = new(StringComparer.Ordinal);
    private double secondHalfFrom = double.MaxValue;
    private double worstStaleness;
    private string? stalestPath;
    private int edits, publications;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Connections, AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.All };
        using var readers = new HttpClient(handler) { BaseAddress = options.Site, Timeout = TimeSpan.FromSeconds(30) };
        readers.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
        readers.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br");

        output.WriteLine("Reading the archive from the sitemaps…");
        var archive = await Archive.ReadAsync(readers, cancellationToken);
        output.WriteLine($"{archive.Articles.Count} stories, {archive.Lists.Count} section and tag pages");
        if (archive.Articles.Count == 0)
        {
            output.WriteLine("The site has no stories to read.");
            return 1;
        }
        var editor = await Editor.SignInAsync(options, cancellationToken);
        var zipf = new Zipf(archive.Articles.Count, exponent: 1.0);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(TimeSpan.FromSeconds(options.Seconds));
        var started = clock.Elapsed.TotalSeconds;
        // A cold cache misses every page the first time: the second half of the run shows the share once warm.
        secondHalfFrom = started + options.Seconds / 2.0;
        var workers = Enumerable.Range(0, options.Connections)
            .Select(i => ReadAsync(readers, archive, zipf, new Random(options.Seed + i), stop.Token))
            .Append(EditAsync(editor, archive, stop.Token))
            .ToList();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed.TotalSeconds - started;
        Report(elapsed);
        return failures == 0 ? 0 : 1;
    }

    private async Task ReadAsync(HttpClient client, Archive archive, Zipf zipf, Random random, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            // A crawler's request is one in eleven: 10 % on top of the readers' 100.
            var crawler = random.Next(110) >= 100;
            var (kind, path) = crawler ? ("crawler", archive.Articles[random.Next(archive.Articles.Count)]) : ReaderPath(archive, zipf, random);
            var sent = clock.Elapsed.TotalSeconds;
            try
            {
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, stop);
                var body = await response.Content.ReadAsStringAsync(stop);
                var took = clock.Elapsed.TotalSeconds - sent;
                lock (gate)
                {
                    if (!response.IsSuccessStatusCode)
                    {
                        failures++;
                        if (failures <= 5)
                        {
                            output.WriteLine($"{(int)response.StatusCode} for {path}");
                        }
                    }
                    if (crawler)
                    {
                        crawlerRequests++;
                    }
                    else
                    {
                        readerRequests++;
                        var hit = response.Headers.Age is null ? 0 : 1;
                        readerHits += hit;
                        if (sent >= secondHalfFrom)
                        {
                            laterReaderRequests++;
                            laterReaderHits += hit;
                            var (requests, hits) = laterByKind.GetValueOrDefault(kind);
                            laterByKind[kind] = (requests + 1, hits + hit);
                        }
                        readerLatencies.Add(took * 1000);
                    }
                    // A page an editor changed: the change is expected from the moment the save returned.
                    if (awaited.TryGetValue(path, out var change) && sent > change.Since)
                    {
                        if (body.Contains(change.Marker, StringComparison.Ordinal))
                        {
                            awaited.Remove(path);
                        }
                        else if (sent - change.Since > worstStaleness)
                        {
                            (worstStaleness, stalestPath) = (sent - change.Since, path);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }
    }

    private static (string Kind, string Path) ReaderPath(Archive archive, Zipf zipf, Random random)
    {
        var roll = random.Next(100);
        return roll switch
        {
            < 15 => ("front", "/"),
            < 25 => ("list", archive.Lists[random.Next(archive.Lists.Count)]),
            < 30 => ("search", $"/search?q={CommonWords[random.Next(CommonWords.Length)]}"),
            < 32 => ("feed", "/feed.xml"),
            _ => ("article", archive.Articles[zipf.Next(random)]),
        };
    }

    private async Task EditAsync(Editor editor, Archive archive, CancellationToken stop)
    {
        // The first edit comes at once, so even a short run measures one.
        var nextEdit = 0;
        // Half a period in, so a two-minute run has a publication too.
        var nextPublication = options.PublishEverySeconds / 2;
        var start = clock.Elapsed.TotalSeconds;
        while (!stop.IsCancellationRequested)
        {
            var now = clock.Elapsed.TotalSeconds - start;
            try
            {
                if (now >= nextEdit)
                {
                    nextEdit += options.EditEverySeconds;
                    // Editors update what is in the news: one of the twenty newest stories.
                    var path = archive.Articles[Random.Shared.Next(Math.Min(20, archive.Articles.Count))];
                    var marker = $"Updated {Guid.NewGuid():n}"[..16];
                    var onTheFrontPage = await editor.UpdateAsync(path, marker, stop);
                    Expect(path, marker);
                    // The front page shows standfirsts for its leading stories only.
                    if (onTheFrontPage)
                    {
                        Expect("/", marker);
                    }
                    edits++;
                }
                if (now >= nextPublication)
                {
                    nextPublication += options.PublishEverySeconds;
                    var marker = $"New story {Guid.NewGuid():n}"[..18];
                    await editor.PublishAsync(marker, stop);
                    Expect("/", marker);
                    publications++;
                }
                await Task.Delay(250, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }
    }

    private void Expect(string path, string marker)
    {
        lock (gate)
        {
            awaited[path] = (marker, clock.Elapsed.TotalSeconds);
        }
    }

    private void Report(double seconds)
    {
        readerLatencies.Sort();
        double Percentile(double p) => readerLatencies.Count == 0 ? 0 : readerLatencies[Math.Min(readerLatencies.Count - 1, (int)(p * readerLatencies.Count))];
        var result = new
        {
            seconds = Math.Round(seconds, 1),
            reader_requests = readerRequests,
            crawler_requests = crawlerRequests,
            failures,
            reader_cache_share = readerRequests == 0 ? 0 : Math.Round((double)readerHits / readerRequests, 4),
            reader_cache_share_second_half = laterReaderRequests == 0 ? 0 : Math.Round((double)laterReaderHits / laterReaderRequests, 4),
            // Where the misses are: each kind's share from the cache in the second half.
            second_half_by_kind = laterByKind.OrderBy(k => k.Key, StringComparer.Ordinal)
                .ToDictionary(k => k.Key, k => Math.Round((double)k.Value.Hits / k.Value.Requests, 4)),
            requests_per_second = Math.Round((readerRequests + crawlerRequests) / seconds, 0),
            reader_p50_ms = Math.Round(Percentile(0.50), 2),
            reader_p99_ms = Math.Round(Percentile(0.99), 2),
            edits,
            publications,
            worst_staleness_seconds = Math.Round(worstStaleness, 3),
        };
        if (stalestPath is not null)
        {
            output.WriteLine($"The stalest page was {stalestPath}: the change was not on it {worstStaleness:0.0} s after its save.");
        }
        output.WriteLine($"WORKLOAD {JsonSerializer.Serialize(result)}");
    }

    /// <summary>Every story's address, newest first, and the section and tag pages, as a crawler would find them.</summary>
    private sealed record Archive(IReadOnlyList<string> Articles, IReadOnlyList<string> Lists)
    {
        public static async Task<Archive> ReadAsync(HttpClient client, CancellationToken cancellationToken)
        {
            XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
            var index = XDocument.Parse(await client.GetStringAsync("/sitemap.xml", cancellationToken));
            var stories = new List<(string Path, string Modified)>();
            var lists = new List<string>();
            foreach (var file in index.Descendants(ns + "loc").Select(l => new Uri(l.Value).PathAndQuery))
            {
                var sitemap = XDocument.Parse(await client.GetStringAsync(file, cancellationToken));
                foreach (var url in sitemap.Descendants(ns + "url"))
                {
                    var path = new Uri(url.Element(ns + "loc")!.Value).PathAndQuery;
                    if (file.StartsWith("/sitemap-articles-", StringComparison.Ordinal))
                    {
                        stories.Add((path, url.Element(ns + "lastmod")?.Value ?? ""));
                    }
                    else if (path.StartsWith("/tag/", StringComparison.Ordinal) || path.Count(c => c == '/') == 1 && path.Length > 1 && !path.StartsWith("/pages", StringComparison.Ordinal))
                    {
                        lists.Add(path);
                    }
                }
            }
            // Newest first: the sitemaps' last-modified dates order the archive closely enough by recency.
            var articles = stories.OrderByDescending(s => s.Modified, StringComparer.Ordinal).Select(s => s.Path).ToList();
            return new Archive(articles, lists.Count > 0 ? lists : ["/"]);
        }
    }

    /// <summary>Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s.</summary>
    private sealed class Zipf
    {
        private readonly double[] cumulative;

        public Zipf(int n, double exponent)
        {
            cumulative = new double[n];
            var sum = 0.0;
            for (var rank = 0; rank < n; rank++)
            {
                sum += 1.0 / Math.Pow(rank + 1, exponent);
                cumulative[rank] = sum;
            }
            for (var rank = 0; rank < n; rank++)
            {
                cumulative[rank] /= sum;
            }
        }

        public int Next(Random random)
        {
            var found = Array.BinarySearch(cumulative, random.NextDouble());
            return Math.Min(found >= 0 ? found : ~found, cumulative.Length - 1);
        }
    }

    /// <summary>An editor at the writing desk: signs in through the form and posts the desk's own form back, as a browser does.</summary>
    private sealed partial class Editor(HttpClient client)
    {
        private static readonly HtmlParser Parser = new();

        public static async Task<Editor> SignInAsync(WorkloadOptions options, CancellationToken cancellationToken)
        {
            var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            {
                BaseAddress = options.Site,
                Timeout = TimeSpan.FromSeconds(60),
            };
            var editor = new Editor(client);
            var page = await editor.FormAsync("/admin/sign-in", "form[action='/admin/sign-in']", cancellationToken);
            Set(page, "Email", options.Email);
            Set(page, "Password", options.Password);
            var response = await client.PostAsync("/admin/sign-in", new FormUrlEncodedContent(page), cancellationToken);
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/admin")
            {
                throw new InvalidOperationException($"Signing in as {options.Email} failed ({(int)response.StatusCode}).");
            }
            return editor;
        }

        /// <summary>
        /// Changes the standfirst of the story at <paramref name="path"/> and updates the published story. Returns
        /// whether the front page showed the old standfirst just before: only then must it show the new one.
        /// </summary>
        public async Task<bool> UpdateAsync(string path, string marker, CancellationToken cancellationToken)
        {
            var id = await StoryIdAsync(path, cancellationToken);
            var form = await FormAsync($"/admin/articles/{id}", "#article-form", cancellationToken);
            var before = form.FirstOrDefault(f => f.Key == "Standfirst").Value?.Trim();
            var frontPage = await Parser.ParseDocumentAsync(await client.GetStringAsync("/", cancellationToken), cancellationToken);
            Set(form, "Standfirst", marker);
            await PostAsync("/admin/articles/publish", form, cancellationToken);
            return !string.IsNullOrEmpty(before) && frontPage.Body!.TextContent.Contains(before, StringComparison.Ordinal);
        }

        public async Task PublishAsync(string title, CancellationToken cancellationToken)
        {
            var form = await FormAsync("/admin/articles/new", "#article-form", cancellationToken);
            Set(form, "Title", title);
            Set(form, "Standfirst", "Published during the workload.");
            Set(form, "BodyMarkdown", "The editor wrote this story while readers were reading.\n\nIt has two paragraphs.");
            await PostAsync("/admin/articles/publish", form, cancellationToken);
        }

        private static void Set(List<KeyValuePair<string, string>> fields, string name, string value)
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        private async Task PostAsync(string url, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
        {
            var response = await client.PostAsync(url, new FormUrlEncodedContent(form), cancellationToken);
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"The desk answered {(int)response.StatusCode} to {url}.");
            }
        }

        private async Task<int> StoryIdAsync(string path, CancellationToken cancellationToken)
        {
            // As an editor would: the headline on the public page, found in the newsroom's list of published stories.
            var page = await Parser.ParseDocumentAsync(await client.GetStringAsync(path, cancellationToken), cancellationToken);
            var title = page.QuerySelector("h1")?.TextContent.Trim() ?? throw new InvalidOperationException($"No headline on {path}.");
            var list = await client.GetStringAsync($"/admin/articles?filter=published&q={Uri.EscapeDataString(title)}", cancellationToken);
            var match = StoryId().Match(list);
            return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"The newsroom's list has no story titled {title}.");
        }

        /// <summary>The fields a browser would send with the form: its own and those that name it in their form attribute.</summary>
        private async Task<List<KeyValuePair<string, string>>> FormAsync(string url, string selector, CancellationToken cancellationToken)
        {
            var document = await Parser.ParseDocumentAsync(await client.GetStringAsync(url, cancellationToken), cancellationToken);
            var form = document.QuerySelector(selector) ?? throw new InvalidOperationException($"No {selector} on {url}.");
            IEnumerable<IElement> outside = form.Id is { Length: > 0 } id ? document.QuerySelectorAll($"[form={id}][name]") : [];
            var fields = new List<KeyValuePair<string, string>>();
            foreach (var element in form.QuerySelectorAll("[name]").Concat(outside))
            {
                var name = element.GetAttribute("name")!;
                if (element.HasAttribute("disabled"))
                {
                    continue;
                }
                switch (element)
                {
                    case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                        if (box.IsChecked)
                        {
                            fields.Add(new(name, box.Value));
                        }
                        break;
                    case IHtmlInputElement { Type: "submit" or "file" or "button" }:
                        break;
                    case IHtmlInputElement input:
                        fields.Add(new(name, input.Value));
                        break;
                    case IHtmlTextAreaElement text:
                        fields.Add(new(name, text.Value));
                        break;
                    case IHtmlSelectElement select:
                        fields.Add(new(name, select.Value ?? select.Options.FirstOrDefault()?.Value ?? ""));
                        break;
                }
            }
            return fields;
        }

        [GeneratedRegex("""/admin/articles/(\d+)""")]
        private static partial Regex StoryId();
    }
}

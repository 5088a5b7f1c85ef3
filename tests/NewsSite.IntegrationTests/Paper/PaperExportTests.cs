using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.IntegrationTests.Newsroom;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Newsletter.Consent;
using NewsSite.Web.Features.Newsletter.Deliverability;
using NewsSite.Web.Features.PaperExport;
using NewsSite.Web.Infrastructure;
using SkiaSharp;
using NewsSite.IntegrationTests.Operations;

namespace NewsSite.IntegrationTests.Paper;

/// <summary>A site with the first administrator configured; an empty one seeds no sample paper.</summary>
public sealed class ExportSiteFactory(bool empty) : NewsSiteFactory
{
    public const string AdminEmail = "chief@newsroom.test";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Admin:Email"] = AdminEmail,
        ["Admin:Password"] = "the first administrator password",
        ["Media:MaxUploadBytes"] = "300000",
        ["Database:SeedSampleContent"] = empty ? "false" : "true",
        // Small batches, so a handful of rows already spans several of them on both sides.
        ["PaperExport:BatchSize"] = "2",
    };

    protected override bool StartsOnEmptyDatabase => empty;
}

/// <summary>
/// A varied paper made through the newsroom's own pages (and, where no page makes it, its services), exported once
/// through the administrators' download.
/// </summary>
public sealed class ExportedPaper : IAsyncLifetime
{
    public ExportSiteFactory Source { get; } = new(empty: false);
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "newssite-tests", $"export-{Guid.NewGuid():n}");
    public string Zip => Path.Combine(Folder, "paper.zip");
    public int LiveStoryId { get; private set; }
    public string LiveStoryUrl { get; private set; } = "";
    public string ImageUrl { get; private set; } = "";
    public byte[] ImageBytes { get; private set; } = [];
    public string ErasedAddress { get; } = $"erased-{Guid.NewGuid():n}@example.org";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private sealed record UploadedItem(int Id, string Markdown);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var admin = await StaffClient.SignedInAsync(Source, StaffRoles.Administrator);
        var (sectionId, otherSectionId) = await Source.WithDbAsync(async (db, _) =>
        {
            var ids = await db.Sections.OrderBy(s => s.Id).Select(s => s.Id).Take(2).ToListAsync();
            return (ids[0], ids[1]);
        });
        var authorIds = await Source.WithDbAsync((db, _) => db.Authors.OrderBy(a => a.Id).Select(a => a.Id).Take(2).ToListAsync());

        // An uploaded image, used as a live story's hero and in its body.
        var image = await UploadAsync(admin);
        var mediaPath = await Source.WithDbAsync((db, _) => db.Media.Where(m => m.Id == image.Id).Select(m => m.StoragePath).SingleAsync());
        ImageUrl = $"/media/{mediaPath}";
        ImageBytes = await admin.Http.GetByteArrayAsync(ImageUrl);

        var live = Fields(null, 0, $"Storm over the harbour {Guid.NewGuid():n}"[..40], sectionId, $"The wind rose at dawn.\n\n{image.Markdown}\n\nFerries stayed in port.");
        live["WorkType"] = nameof(WorkType.Live);
        live["HeroMediaId"] = image.Id.ToString(CultureInfo.InvariantCulture);
        live["HeroImageAlt"] = "Waves over the quay";
        live["Tags"] = "Weather, Ferries, Harbour";
        live["Dateline"] = "HARBOURTON";
        LiveStoryId = await SavedIdAsync(admin, "/admin/articles/publish", live, "/admin/articles/new");
        live["BodyMarkdown"] += "\n\nThe coastguard asked people to stay away from the sea front.";
        live["Id"] = LiveStoryId.ToString(CultureInfo.InvariantCulture);
        live["Version"] = (await VersionAsync(LiveStoryId)).ToString(CultureInfo.InvariantCulture);
        live["Slug"] = "storm-harbour-live";
        await SavedIdAsync(admin, "/admin/articles/publish", live, $"/admin/articles/{LiveStoryId}");
        Expect(await admin.PostFormAsync($"/admin/articles/{LiveStoryId}/corrections",
            new() { ["kind"] = "Correction", ["text"] = "An earlier version gave the wrong wind speed.", ["showAtTop"] = "" }, tokenFrom: $"/admin/articles/{LiveStoryId}"));
        Expect(await admin.PostFormAsync($"/admin/articles/{LiveStoryId}/live/entries", new() { ["title"] = "Bridge closed", ["body"] = "The **bridge** is closed to traffic." }));
        LiveStoryUrl = await Source.WithDbAsync((db, _) => db.Articles.Where(a => a.Id == LiveStoryId).Select(a => "/" + a.Section.Slug + "/" + a.Slug).SingleAsync());

        // A draft saved twice and a story scheduled for later.
        var draft = Fields(null, 0, "Council weighs a new ferry route", otherSectionId, "Early notes.");
        var draftId = await SavedIdAsync(admin, "/admin/articles/save", draft, "/admin/articles/new");
        draft["Id"] = draftId.ToString(CultureInfo.InvariantCulture);
        draft["Version"] = (await VersionAsync(draftId)).ToString(CultureInfo.InvariantCulture);
        draft["BodyMarkdown"] = "Early notes, and a quote from the harbour master.";
        draft["AuthorIds"] = authorIds[1].ToString(CultureInfo.InvariantCulture);
        await SavedIdAsync(admin, "/admin/articles/save", draft, $"/admin/articles/{draftId}");
        var scheduled = Fields(null, 0, "Festival programme announced", sectionId, "The festival returns in spring.");
        scheduled["PublishAt"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        var scheduledId = await SavedIdAsync(admin, "/admin/articles/schedule", scheduled, "/admin/articles/new");

        Expect(await admin.PostFormAsync("/admin/pages/save", new()
        {
            ["Title"] = "How to reach the newsroom", ["Kind"] = "Other", ["Body"] = "Write to **tips@herald.test**.", ["IsPublished"] = "true",
            ["ShowInFooter"] = "true", ["FooterPosition"] = "60",
        }, tokenFrom: "/admin/pages/new"));
        Expect(await admin.PostFieldsAsync("/admin/newsletters/lists/save",
        [
            new("Name", "Harbour morning"), new("Description", "The harbour's news before breakfast."), new("SenderName", "Harbour desk"),
            new("SectionIds", sectionId.ToString(CultureInfo.InvariantCulture)), new("IsActive", "true"), new("IsActive", "false"), new("Position", "5"),
            new("IsDigest", "false"), new("DigestTime", "07:00"), new("DigestMaxStories", "10"),
        ], tokenFrom: "/admin/newsletters/lists/new"));

        // Readers: two imported as confirmed, one who signed up and has not confirmed, one erased (a tombstone), and a suppression.
        var import = new MultipartFormDataContent
        {
            { new StringContent(await admin.TokenAsync("/admin/subscribers")), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("ana@example.org\nben@example.org")), "file", "list.csv" },
            { new StringContent("the paper's old list"), "consentSource" },
            { new StringContent("true"), "alreadyConfirmed" },
        };
        Expect(await admin.Http.PostAsync("/admin/subscribers/import", import));
        var reader = StaffClient.Anonymous(Source);
        Expect(await reader.Http.PostAsync("/newsletter/signup", new FormUrlEncodedContent([new("Email", "cat@example.org"), new("Name", "Cat Reader")])));
        Expect(await reader.Http.PostAsync("/newsletter/signup", new FormUrlEncodedContent([new("Email", ErasedAddress), new("Name", "Gone Reader")])));
        var erasedId = await Source.WithDbAsync((db, _) => db.Subscribers.Where(s => s.Email == ErasedAddress).Select(s => s.Id).SingleAsync());
        Expect(await admin.PostFormAsync($"/admin/subscribers/{erasedId}/erase", [], tokenFrom: "/admin/subscribers"));
        Expect(await admin.PostFieldsAsync("/admin/newsletters/suppressions/add", [new("Address", "bounced@example.org"), new("Note", "Asked by phone")],
            tokenFrom: "/admin/newsletters/suppressions"));

        // What no page of this test makes directly: the paper's settings row and a sent issue with its stories.
        await Source.WithDbAsync(async db =>
        {
            // An old address from the WordPress site the paper came from.
            db.LegacyRedirects.Add(new LegacyRedirect { Path = "/?p=42", Target = "/news/council-weighs", Source = "wordpress", CreatedAt = DateTime.UtcNow });
            db.SiteSettings.Add(new SiteSettings { PaperName = "The Export Herald", Tagline = "Portable news", LogoMediaId = image.Id, UpdatedAt = DateTime.UtcNow, UpdatedByName = "Chief" });
            db.NewsletterIssues.Add(new NewsletterIssue
            {
                NewsletterId = 1, Subject = "Storm special", Intro = "All about the storm.", Status = NewsletterIssueStatus.Sending, CreatedAt = DateTime.UtcNow.AddHours(-1),
                QueuedAt = DateTime.UtcNow.AddMinutes(-50), QueuedCount = 2, Opens = 1,
                Articles = [new NewsletterIssueArticle { ArticleId = LiveStoryId, Position = 0 }, new NewsletterIssueArticle { ArticleId = scheduledId, Position = 1 }],
            });
            await db.SaveChangesAsync();
        });

        // The administrators' download, as a browser makes it.
        var token = await admin.TokenAsync(AdminUrlsExport);
        var download = await admin.Http.PostAsync(AdminUrlsExport, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("newssite-export-", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        await File.WriteAllBytesAsync(Zip, await download.Content.ReadAsByteArrayAsync());
    }

    private const string AdminUrlsExport = "/admin/export";

    private static Dictionary<string, string> Fields(int? id, int version, string title, int sectionId, string body) =>
        ArticleFields.For(id, version, title, sectionId, body);

    private Task<int> VersionAsync(int id) => Source.WithDbAsync((db, _) => db.Articles.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());

    private static async Task<int> SavedIdAsync(StaffClient client, string url, Dictionary<string, string> fields, string tokenFrom)
    {
        var response = await client.PostFormAsync(url, fields, tokenFrom);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last().Split('?')[0], CultureInfo.InvariantCulture);
    }

    private static void Expect(HttpResponseMessage response) =>
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");

    private async Task<UploadedItem> UploadAsync(StaffClient client)
    {
        var form = new MultipartFormDataContent { { new StringContent("Waves over the quay"), "AltText" }, { new StringContent("The storm at noon"), "Caption" } };
        var file = new ByteArrayContent(MediaFiles.Image(1200, 800, SKEncodedImageFormat.Jpeg));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "File", "storm.jpg");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media/upload.json") { Content = form };
        request.Headers.Add("RequestVerificationToken", await client.TokenAsync("/admin/articles/new"));
        var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<UploadedItem>(Web))!;
    }

    public async Task DisposeAsync()
    {
        await Source.DisposeAsync();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}

public sealed partial class PaperExportTests(ExportedPaper paper) : IClassFixture<ExportedPaper>
{
    // Everything the export carries, table by table; ids included, since the import keeps them. Slug histories'
    // own ids are not part of the format.
    private static readonly string[] Tables =
    [
        "Articles", "ArticleTags", "ArticleAuthors", "ArticleSlugHistory", "Sections", "SectionSlugHistory", "Tags", "TagSlugHistory", "Authors",
        "ArticleRevisions", "Corrections", "LiveEntries", "StaticPages", "SiteSettings", "Media", "Newsletters", "NewsletterSections",
        "NewsletterIssues", "NewsletterIssueArticles", "Subscribers", "NewsletterSubscriptions", "ConsentEvents", "Suppressions",
        "LegacyRedirects",
    ];

    private static readonly HashSet<string> NotCompared = ["ArticleSlugHistory.Id", "SectionSlugHistory.Id", "TagSlugHistory.Id"];

    /// <summary>Every row of every exported table as text, sorted: a normalised dump of the paper.</summary>
    private static Task<Dictionary<string, List<string>>> DumpAsync(NewsSiteFactory site) => site.WithDbAsync(async (db, _) =>
    {
        var dump = new Dictionary<string, List<string>>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var table in Tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                var rows = new List<List<(string Name, string Value)>>();
                while (await reader.ReadAsync())
                {
                    rows.Add([.. Enumerable.Range(0, reader.FieldCount)
                        .Where(i => !NotCompared.Contains($"{table}.{reader.GetName(i)}"))
                        .Select(i => (reader.GetName(i), Text(reader, i)))]);
                }
                if (table is "ArticleTags" or "ArticleAuthors")
                {
                    rows = OrderInsteadOfPosition(rows);
                }
                var lines = rows.Select(r => string.Join(" | ", r.Select(c => $"{c.Name}={c.Value}"))).ToList();
                lines.Sort(StringComparer.Ordinal);
                dump[table] = lines;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return dump;
    });

    // What a story's tags and byline keep is their order; the stored positions may tie (the sample paper's are all 0),
    // and the export writes the order, so the dump compares each row's place in its story's list.
    private static List<List<(string Name, string Value)>> OrderInsteadOfPosition(List<List<(string Name, string Value)>> rows) =>
        [.. rows.GroupBy(r => r.Single(c => c.Name == "ArticleId").Value)
            .SelectMany(story => story
                .OrderBy(r => int.Parse(r.Single(c => c.Name == "Position").Value, CultureInfo.InvariantCulture))
                .ThenBy(r => int.Parse(r.Single(c => c.Name is "TagId" or "AuthorId").Value, CultureInfo.InvariantCulture))
                .Select((r, place) => r.Select(c => c.Name == "Position" ? (c.Name, place.ToString(CultureInfo.InvariantCulture)) : c).ToList()))];

    private static string Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? "null" : reader.GetValue(i) switch
    {
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };

    private static async Task<ImportReport> ImportAsync(NewsSiteFactory site, string path)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PaperImporter>().ImportAsync(path, "Test operator", CancellationToken.None);
    }

    private string Unpacked(string name)
    {
        var folder = Path.Combine(paper.Folder, name);
        ZipFile.ExtractToDirectory(paper.Zip, folder);
        return folder;
    }

    [Fact]
    public async Task ExportThenImport_IntoAnEmptySite_ReproducesEveryArticleRevisionMediaFileAndConsentRecord()
    {
        var source = await DumpAsync(paper.Source);
        // The paper is as varied as the test claims, so the comparison below compares something.
        Assert.Contains(source["Articles"], r => r.Contains("Status=1") && r.Contains("Festival programme"));
        Assert.Contains(source["Articles"], r => r.Contains("Status=0") && r.Contains("Council weighs"));
        Assert.True(source["ArticleRevisions"].Count(r => r.Contains($"ArticleId={paper.LiveStoryId} ")) >= 2);
        Assert.Single(source["ArticleSlugHistory"], r => r.Contains($"ArticleId={paper.LiveStoryId} "));
        Assert.Contains(source["Corrections"], r => r.Contains($"ArticleId={paper.LiveStoryId} |"));
        Assert.Contains(source["LiveEntries"], r => r.Contains("Bridge closed"));
        Assert.Contains(source["Articles"], r => r.StartsWith($"Id={paper.LiveStoryId} |", StringComparison.Ordinal) && !r.Contains("HeroMediaId=null"));
        Assert.Equal(2, source["Newsletters"].Count);
        Assert.Contains(source["Subscribers"], r => r.Contains("Status=1"));
        Assert.Contains(source["Subscribers"], r => r.Contains("Status=0"));
        Assert.Contains(source["ConsentEvents"], r => r.Contains($"Kind={(int)ConsentEventKind.Erased}"));
        Assert.Single(source["Suppressions"]);
        Assert.Single(source["LegacyRedirects"]);

        await using var target = new ExportSiteFactory(empty: true);
        _ = target.Services;

        // A changed byte anywhere is refused before anything is written.
        var tampered = Unpacked("tampered");
        var articles = Path.Combine(tampered, ExportFormat.Articles);
        await File.WriteAllTextAsync(articles, (await File.ReadAllTextAsync(articles)).Replace("The wind rose at dawn", "The wind rose at noon"));
        var refused = await Assert.ThrowsAsync<ExportException>(() => ImportAsync(target, tampered));
        Assert.Contains("articles.jsonl does not match the manifest's checksum", refused.Message);
        Assert.All(await DumpAsync(target), table => Assert.True(table.Key is "Newsletters" || table.Value.Count == 0, $"{table.Key} has rows after a refused import"));
        Assert.False(target.Services.GetRequiredService<Web.Infrastructure.Media.IMediaStorage>().Files.GetFileInfo(paper.ImageUrl["/media/".Length..]).Exists);

        var report = await ImportAsync(target, paper.Zip);

        Assert.Equal(source["Articles"].Count, report.Counts["articles"]);
        var imported = await DumpAsync(target);
        foreach (var table in Tables)
        {
            Assert.True(source[table].SequenceEqual(imported[table]),
                $"{table} differs after the round trip.\nSource:\n{string.Join("\n", source[table].Except(imported[table]))}\nImported:\n{string.Join("\n", imported[table].Except(source[table]))}");
        }

        // The tombstone still works: the erased reader is recognised on the new site, so no import brings them back.
        Assert.True(await target.WithDbAsync((_, services) => services.CreateScope().ServiceProvider.GetRequiredService<ConsentLedger>().WasErasedAsync(paper.ErasedAddress, CancellationToken.None)));

        // Readers of the new site get the story and its picture, by the addresses they had.
        var reader = target.CreateBrowserlessClient();
        var page = await reader.GetAsync(paper.LiveStoryUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = Html.Parse(await page.Content.ReadAsStringAsync());
        Assert.Contains("Bridge closed", html.Body!.TextContent);
        var bodyImage = html.QuerySelectorAll(".article-body img, article img").Select(i => i.GetAttribute("src")).FirstOrDefault(s => s?.StartsWith("/media/", StringComparison.Ordinal) == true);
        Assert.NotNull(bodyImage);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(bodyImage)).StatusCode);
        Assert.Equal(paper.ImageBytes, await reader.GetByteArrayAsync(paper.ImageUrl));
        // Links to the paper's previous site keep working on the new one.
        var oldAddress = await reader.GetAsync("/?p=42");
        Assert.Equal(HttpStatusCode.MovedPermanently, oldAddress.StatusCode);
        Assert.Equal("/news/council-weighs", oldAddress.Headers.Location?.OriginalString);
        Assert.True(await target.WithDbAsync((db, _) => db.AuditLog.AnyAsync(a => a.Action == "paper-imported" && a.UserName == "Test operator")));

        // The new site goes on writing after the imported ids (PostgreSQL's sequences were moved past them).
        var next = await new ArticleBuilder().Tagged("After the move").SaveAsync(target);
        Assert.True(next.Id > paper.LiveStoryId);
        var signup = await StaffClient.Anonymous(target).Http.PostAsync("/newsletter/signup", new FormUrlEncodedContent([new("Email", "dan@example.org")]));
        Assert.Equal(HttpStatusCode.OK, signup.StatusCode);
        Assert.Equal(source["ConsentEvents"].Count + 1, await target.WithDbAsync((db, _) => db.ConsentEvents.CountAsync()));

        // A site that has a paper refuses a second one, and says how to get an empty site.
        var again = await Assert.ThrowsAsync<ExportException>(() => ImportAsync(target, paper.Zip));
        Assert.Contains("Database:SeedSampleContent", again.Message);
    }

    [Fact]
    public async Task TimesAreWrittenInUtcWithAZone_AndAnOlderExportWithoutZones_ImportsOnEitherEngine()
    {
        var folder = Unpacked("zones");
        // Every time carries its zone, as docs/export-format.md says, whichever engine the paper came from: SQLite gives
        // its times back without one, and written as read they reached PostgreSQL as times it refuses.
        var files = Directory.GetFiles(folder, "*.jsonl");
        var times = files.SelectMany(File.ReadLines).SelectMany(line => Time().Matches(line)).Select(m => m.Value).ToList();
        Assert.True(times.Count > 50, $"Only {times.Count} times found: the scan is broken.");
        Assert.All(times, time => Assert.EndsWith("Z", time));

        // An export made before that on SQLite had none: it imports all the same, each time taken as UTC.
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, ExportFormat.Manifest)))!;
        foreach (var file in files)
        {
            await File.WriteAllTextAsync(file, Time().Replace(await File.ReadAllTextAsync(file), time => time.Value.TrimEnd('Z')));
            var entry = manifest["files"]!.AsArray().Single(f => (string?)f!["path"] == Path.GetFileName(file))!;
            entry["bytes"] = new FileInfo(file).Length;
            entry["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(file)));
        }
        await File.WriteAllTextAsync(Path.Combine(folder, ExportFormat.Manifest), manifest.ToJsonString());
        Assert.DoesNotContain(files.SelectMany(File.ReadLines).SelectMany(line => Time().Matches(line)), m => m.Value.EndsWith('Z'));

        await using var target = new ExportSiteFactory(empty: true);
        var report = await ImportAsync(target, folder);

        Assert.True(report.Counts["articles"] > 5);
        var published = paper.Source.WithDbAsync((db, _) => db.Articles.Where(a => a.Id == paper.LiveStoryId).Select(a => a.PublishedAt).SingleAsync());
        var imported = target.WithDbAsync((db, _) => db.Articles.Where(a => a.Id == paper.LiveStoryId).Select(a => a.PublishedAt).SingleAsync());
        Assert.Equal((await published)!.Value.Ticks, (await imported)!.Value.Ticks);
    }

    // An ISO 8601 time as the export writes it, with or without its "Z".
    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z?(?="")")]
    private static partial Regex Time();

    [Fact]
    public async Task TheDownload_IsAudited_AndItsManifestNamesEveryFileWithItsChecksum()
    {
        Assert.True(await paper.Source.WithDbAsync((db, _) => db.AuditLog.AnyAsync(a => a.Action == "paper-exported" && a.UserName.StartsWith("administrator-"))));
        var folder = Unpacked("manifest");
        var manifest = await PaperImporter.VerifyAsync(folder, CancellationToken.None);
        Assert.Equal(ExportFormat.Name, manifest.Format);
        Assert.Equal("The Export Herald", manifest.PaperName);
        Assert.Contains(manifest.Files, f => f.Path == "media/" + paper.ImageUrl["/media/".Length..]);
        Assert.Contains(manifest.Files, f => f.Path == ExportFormat.AddressKey);
        var onDisk = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => f != ExportFormat.Manifest).Order(StringComparer.Ordinal);
        Assert.Equal(onDisk, manifest.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("AspNetUsers", await File.ReadAllTextAsync(Path.Combine(folder, ExportFormat.Manifest)));
        Assert.DoesNotContain(ExportSiteFactory.AdminEmail, string.Concat(Directory.EnumerateFiles(folder, "*.jsonl").Select(File.ReadAllText)));
    }

    [Fact]
    public async Task ExportAndImportCommands_RunAsTheOperatorWould_WithTheirExitCodes()
    {
        var folder = Path.Combine(paper.Folder, "by-command");
        var sourceEnvironment = new Dictionary<string, string>
        {
            ["Database__Provider"] = TestDatabase.Engine.ToString(),
            ["ConnectionStrings__News"] = paper.Source.ConnectionString,
            ["Storage__DataDirectory"] = paper.Source.DataDirectory,
        };
        var (exported, exportOutput) = await RunAsync($"export \"{folder}\"", sourceEnvironment);
        Assert.True(exported == 0, exportOutput);
        Assert.True(File.Exists(Path.Combine(folder, ExportFormat.Manifest)));
        var (notEmpty, notEmptyOutput) = await RunAsync($"export \"{folder}\"", sourceEnvironment);
        Assert.Equal(1, notEmpty);
        Assert.Contains("is not empty", notEmptyOutput);
        var (usage, usageOutput) = await RunAsync("export", sourceEnvironment);
        Assert.Equal(2, usage);
        Assert.Contains("Usage: dotnet NewsSite.Web.dll export FOLDER", usageOutput);

        var data = Path.Combine(paper.Folder, "by-command-site");
        var database = TestDatabase.Engine == DatabaseEngine.Postgres ? TestDatabase.CreatePostgresDatabase(empty: true) : $"Data Source={Path.Combine(data, "news.db")}";
        try
        {
            var targetEnvironment = new Dictionary<string, string>
            {
                ["Database__Provider"] = TestDatabase.Engine.ToString(),
                ["ConnectionStrings__News"] = database,
                ["Storage__DataDirectory"] = data,
                ["Database__SeedSampleContent"] = "false",
            };
            var (imported, importOutput) = await RunAsync($"import-newssite \"{folder}\" --by \"Night editor\"", targetEnvironment);
            Assert.True(imported == 0, importOutput);
            Assert.Contains("Imported:", importOutput);
            Assert.True(File.Exists(Path.Combine(data, "media", paper.ImageUrl["/media/".Length..])));
            var (twice, twiceOutput) = await RunAsync($"import-newssite \"{folder}\"", targetEnvironment);
            Assert.Equal(1, twice);
            Assert.Contains("This site is not empty", twiceOutput);
            var (bad, badOutput) = await RunAsync($"import-newssite \"{folder}\" --by", targetEnvironment);
            Assert.Equal(2, bad);
            Assert.Contains("Usage: dotnet NewsSite.Web.dll import-newssite", badOutput);
        }
        finally
        {
            if (TestDatabase.Engine == DatabaseEngine.Postgres)
            {
                TestDatabase.DropPostgresDatabase(database);
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    private static Task<(int ExitCode, string Output)> RunAsync(string arguments, Dictionary<string, string> environment) =>
        SiteProcess.RunAsync(arguments, new Dictionary<string, string>(environment) { ["Serilog__MinimumLevel__Default"] = "Warning" });
}

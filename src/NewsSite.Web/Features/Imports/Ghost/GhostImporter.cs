using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Features.Newsletter.Signup;
using NewsSite.Web.Features.Newsletter.Subscribers;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.Web.Features.Imports.Ghost;

/// <summary>
/// Brings a Ghost 5.x content export (JSON) in: posts as articles and pages as static pages, from their rendered
/// HTML; the primary tag (the first public one by <c>posts_tags.sort_order</c>) is the section, the other public tags
/// are tags, internal tags (#…) are left out; authors through <c>posts_authors</c>; the old address <c>/slug/</c> as a
/// 301. Feature images stay at their address (a Ghost export has no files) and are reported. The members CSV goes
/// through the subscriber import (which leaves known and erased addresses alone and writes the consent ledger):
/// members subscribed to emails become confirmed subscribers of the first newsletter, consent source "imported from Ghost".
/// </summary>
public sealed class GhostImporter(NewsDbContext db, ImportWriter writer, ImportedHtml html, SubscriberDirectory subscribers, AuditTrail audit, TimeProvider clock, ILogger<GhostImporter> logger)
{
    public const string Source = "ghost";
    public const string ConsentSource = "imported from Ghost";

    // Ghost writes its own address into exported links and images as this placeholder.
    private const string GhostUrl = "__GHOST_URL__";

    public async Task<ImportReport> ImportAsync(Stream export, Stream? members, ImportActor actor, CancellationToken cancellationToken)
    {
        var report = new ImportReport("Ghost");
        var data = await ReadAsync(export, cancellationToken);
        var tags = Array(data, "tags").ToDictionary(t => Str(t, "id") ?? "", t => t);
        var users = Array(data, "users").ToDictionary(u => Str(u, "id") ?? "", u => u);
        var postTags = Array(data, "posts_tags").ToLookup(p => Str(p, "post_id") ?? "");
        var postAuthors = Array(data, "posts_authors").ToLookup(p => Str(p, "post_id") ?? "");

        foreach (var post in Array(data, "posts"))
        {
            await PostAsync(post, tags, users, postTags, postAuthors, actor, report, cancellationToken);
        }
        if (members is not null)
        {
            await MembersAsync(members, actor, report, cancellationToken);
        }
        audit.Record(AuditActions.ImportedFromGhost, "Ghost export", report.Summary, actorName: actor.Name);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Ghost import by {Actor}: {Summary}", actor.Name, report.Summary);
        return report;
    }

    private static async Task<JsonElement> ReadAsync(Stream export, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(export, new JsonDocumentOptions { MaxDepth = 64 }, cancellationToken);
            var root = document.RootElement;
            // The file from Ghost's admin is {"db":[{"meta":…,"data":…}]}; some tools write the inner object alone.
            var db = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("db", out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0 ? list[0] : root;
            if (db.ValueKind != JsonValueKind.Object || !db.TryGetProperty("data", out var data) || !data.TryGetProperty("posts", out _))
            {
                throw new FormatException("That is not a Ghost export: it has no db[0].data.posts.");
            }
            return data.Clone();
        }
        catch (JsonException e)
        {
            throw new FormatException($"That is not a Ghost export: the JSON could not be read ({e.Message}).");
        }
    }

    private async Task PostAsync(JsonElement post, Dictionary<string, JsonElement> tags, Dictionary<string, JsonElement> users,
        ILookup<string, JsonElement> postTags, ILookup<string, JsonElement> postAuthors, ImportActor actor, ImportReport report, CancellationToken cancellationToken)
    {
        var id = Str(post, "id") ?? "";
        var type = Str(post, "type") ?? "post";
        var title = html.PlainText(Str(post, "title"));
        var label = $"{id} “{title}”";
        if (type is not ("post" or "page"))
        {
            report.Skip(type, label, "only posts and pages are imported");
            return;
        }
        if (await writer.FindAsync(Source, type, id, cancellationToken) is not null)
        {
            report.AlreadyThere(type, label);
            return;
        }
        var status = Str(post, "status") switch
        {
            "published" => ArticleStatus.Published,
            "scheduled" => ArticleStatus.Scheduled,
            _ => ArticleStatus.Draft,
        };
        if (Str(post, "visibility") is { } visibility && visibility != "public" && status != ArticleStatus.Draft)
        {
            report.Warn(type, label, $"it was for {visibility} readers only: imported as a draft, since everything published here is public");
            status = ArticleStatus.Draft;
        }
        if (title.Length == 0)
        {
            title = $"Untitled {type} {id}";
            report.Warn(type, id, $"it has no title: imported as “{title}”");
        }
        var body = (Str(post, "html") ?? "").Replace(GhostUrl, "", StringComparison.Ordinal);
        var markdown = html.ToMarkdown(body, autoParagraphs: false, _ => null);
        if (markdown.Trim().Length == 0)
        {
            markdown = "";
            if (status != ArticleStatus.Draft && type == "post")
            {
                report.Warn(type, label, "it has no body: imported as a draft (a story goes out with one)");
                status = ArticleStatus.Draft;
            }
        }
        var publishedAt = Date(Str(post, "published_at")) ?? Date(Str(post, "created_at")) ?? clock.GetUtcNow().UtcDateTime;
        var slug = Text.Slugify(Str(post, "slug")) is { Length: > 0 } s ? s : Text.Slugify(title) is { Length: > 0 } t ? t : $"{type}-{id}";
        // Ghost's own address for a post or page: /slug/.
        var oldPath = LegacyPaths.Rooted(Str(post, "slug") ?? slug) + "/";

        if (type == "page")
        {
            await writer.PageAsync(Source, new ImportedPage(id, title, slug, markdown, status == ArticleStatus.Published, Date(Str(post, "created_at")) ?? publishedAt,
                Date(Str(post, "updated_at")) ?? publishedAt, [oldPath]), actor, report, cancellationToken);
            return;
        }

        var publicTags = postTags[id].OrderBy(p => Int(p, "sort_order")).Select(p => tags.GetValueOrDefault(Str(p, "tag_id") ?? ""))
            .Where(t => t.ValueKind == JsonValueKind.Object && !(Str(t, "name") ?? "").StartsWith('#') && Str(t, "visibility") != "internal").ToList();
        int sectionId;
        if (publicTags.Count > 0)
        {
            var primary = publicTags[0];
            sectionId = await writer.SectionAsync(Source, "tag:" + Str(primary, "id"), Str(primary, "name") ?? "News", Str(primary, "slug"), Str(primary, "description"), report, cancellationToken);
        }
        else
        {
            sectionId = await writer.DefaultSectionAsync(Source, report, cancellationToken);
            report.Warn("post", label, "it has no primary tag: filed under the paper's first section");
        }
        var tagIds = new List<int>();
        foreach (var tag in publicTags.Skip(1))
        {
            tagIds.Add(await writer.TagAsync(Source, "tag:" + Str(tag, "id"), Str(tag, "name") ?? "", Str(tag, "slug"), report, cancellationToken));
        }
        var authorIds = new List<int>();
        foreach (var link in postAuthors[id].OrderBy(p => Int(p, "sort_order")))
        {
            if (users.TryGetValue(Str(link, "author_id") ?? "", out var user) && Str(user, "name") is { Length: > 0 } name)
            {
                authorIds.Add(await writer.AuthorAsync(Source, Str(user, "id")!, name, Str(user, "bio"), report, cancellationToken));
            }
        }
        string? hero = null;
        if (Str(post, "feature_image") is { Length: > 0 } image)
        {
            hero = image.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? image : null;
            report.Warn("image", image, hero is null
                ? $"the feature image of {label} is on the old site only (a Ghost export carries no files): not shown; add it from the media library"
                : $"the feature image of {label} stays at its address (a Ghost export carries no files): upload it to the media library to keep it");
        }
        await writer.ArticleAsync(Source, new ImportedArticle
        {
            ExternalId = id,
            Title = title,
            Slug = slug,
            Markdown = markdown,
            Standfirst = html.PlainText(Str(post, "custom_excerpt")),
            SectionId = sectionId,
            TagIds = tagIds,
            AuthorIds = authorIds,
            Status = status,
            PublishedAt = publishedAt,
            CreatedAt = Date(Str(post, "created_at")) ?? publishedAt,
            UpdatedAt = Date(Str(post, "updated_at")) ?? publishedAt,
            IsFeatured = Int(post, "featured") == 1 && status == ArticleStatus.Published,
            HeroImageUrl = hero,
            OldPaths = [oldPath],
        }, actor, report, cancellationToken);
    }

    /// <summary>
    /// Ghost's members CSV: those subscribed to emails go through the subscriber import as already confirmed (their
    /// consent was given on the Ghost site), the others are reported and left out.
    /// </summary>
    private async Task MembersAsync(Stream csvStream, ImportActor actor, ImportReport report, CancellationToken cancellationToken)
    {
        var rows = new List<(string Id, string Email, string? Name)>();
        using (var reader = new StreamReader(csvStream, Encoding.UTF8, leaveOpen: true))
        using (var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { MissingFieldFound = null, BadDataFound = null, HeaderValidated = null }))
        {
            await csv.ReadAsync();
            csv.ReadHeader();
            if (csv.HeaderRecord is not { } header || !header.Contains("email") || !header.Contains("subscribed_to_emails"))
            {
                throw new FormatException("That is not a Ghost members export: it needs the columns email and subscribed_to_emails.");
            }
            while (await csv.ReadAsync())
            {
                var email = SignupService.NormalizeEmail(csv.GetField("email"));
                var label = csv.GetField("email") ?? "";
                if (email is null)
                {
                    report.Skip("member", label, "not a valid address");
                    continue;
                }
                if (!string.Equals(csv.GetField("subscribed_to_emails")?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
                {
                    report.Skip("member", email, "not subscribed to emails on Ghost");
                    continue;
                }
                rows.Add((csv.GetField("id") is { Length: > 0 } memberId ? memberId : email, email, csv.GetField("name")));
            }
        }
        var candidates = new List<(string Id, string Email, string? Name)>();
        foreach (var row in rows.DistinctBy(r => r.Email))
        {
            if (await writer.FindAsync(Source, "member", row.Id, cancellationToken) is not null)
            {
                report.AlreadyThere("member", row.Email);
            }
            else
            {
                candidates.Add(row);
            }
        }
        if (candidates.Count == 0)
        {
            return;
        }
        var emails = candidates.Select(c => c.Email).ToList();
        var before = (await db.Subscribers.AsNoTracking().Where(s => emails.Contains(s.Email)).Select(s => s.Email).ToListAsync(cancellationToken)).ToHashSet();
        var list = new StringBuilder("email,name\n");
        foreach (var candidate in candidates)
        {
            list.Append(Csv(candidate.Email)).Append(',').Append(Csv(candidate.Name ?? "")).Append('\n');
        }
        await using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(list.ToString())))
        {
            await subscribers.ImportAsync(stream, alreadyConfirmed: true, ConsentSource, actor.Name, cancellationToken);
        }
        var after = await db.Subscribers.AsNoTracking().Where(s => emails.Contains(s.Email)).ToDictionaryAsync(s => s.Email, s => s.Id, cancellationToken);
        foreach (var candidate in candidates)
        {
            if (!after.TryGetValue(candidate.Email, out var subscriberId))
            {
                report.Skip("member", candidate.Email, "erased here earlier at their request: not added again");
                continue;
            }
            db.ImportedItems.Add(new ImportedItem { Source = Source, Kind = "member", ExternalId = ImportWriter.Cut(candidate.Id, 300), LocalId = subscriberId, ImportedAt = clock.GetUtcNow().UtcDateTime });
            if (before.Contains(candidate.Email))
            {
                report.Skip("member", candidate.Email, "already a subscriber here: left as they are");
            }
            else
            {
                report.Added("member", candidate.Email, "confirmed subscriber, consent source “" + ConsentSource + "”");
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Csv(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

    private static IEnumerable<JsonElement> Array(JsonElement data, string name) =>
        data.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [];

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static int Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number
        : value.ValueKind == JsonValueKind.True ? 1 : 0;

    // Ghost writes "2026-11-29 22:20:25" (UTC) in exports, and ISO 8601 elsewhere.
    private static DateTime? Date(string? value) =>
        value is not null && DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null;
}

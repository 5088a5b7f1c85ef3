using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Auditing;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.Web.Features.Imports.WordPress;

/// <summary>
/// Brings a WordPress export (WXR) in: posts as articles, pages as static pages, categories as sections (a post's
/// section is the top-level ancestor of its first category; every other category it has, the child ones included,
/// becomes a tag, so nothing it was filed under is lost), tags, authors, attachments found in the uploads folder as
/// library images, featured images as heroes, and the old permalinks (and <c>/?p=N</c>, <c>/?page_id=N</c>) as 301s.
/// Menus and comments are counted and skipped. A second run of the same file changes nothing.
/// </summary>
public sealed partial class WordPressImporter(NewsDbContext db, ImportWriter writer, ImportedHtml html, AuditTrail audit, TimeProvider clock, ILogger<WordPressImporter> logger)
{
    public const string Source = "wordpress";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // For the run below (a nested class does not see the constructor's parameters).
    private ImportWriter Writer => writer;
    private ImportedHtml Html => html;

    public async Task<ImportReport> ImportAsync(Stream file, string? mediaFolder, ImportActor actor, CancellationToken cancellationToken)
    {
        var export = WxrFile.Read(file);
        var report = new ImportReport("WordPress");
        var run = new Run(this, export, mediaFolder is null ? null : Path.GetFullPath(mediaFolder), actor, report);

        foreach (var group in export.Items.Where(i => i.Type is not ("post" or "page" or "attachment")).GroupBy(i => i.Type))
        {
            report.Skip(group.Key, $"{group.Count()} items", group.Key == "nav_menu_item"
                ? "menus are not imported: set the navigation on the site settings page"
                : "only posts, pages and attachments are imported");
        }
        if (export.Items.Sum(i => i.Comments) is > 0 and var comments)
        {
            report.Skip("comment", $"{comments} comments", "comments are not imported");
        }

        await run.AttachmentsAsync(cancellationToken);
        foreach (var item in export.Items.Where(i => i.Type == "post"))
        {
            await run.PostAsync(item, cancellationToken);
        }
        foreach (var item in export.Items.Where(i => i.Type == "page"))
        {
            await run.PageAsync(item, cancellationToken);
        }

        audit.Record(AuditActions.ImportedFromWordPress, "WordPress export", report.Summary, actorName: actor.Name);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("WordPress import by {Actor}: {Summary}", actor.Name, report.Summary);
        return report;
    }

    /// <summary>One import's state: the export, the images found so far, the authors and categories made.</summary>
    private sealed class Run(WordPressImporter owner, WxrFile export, string? mediaFolder, ImportActor actor, ImportReport report)
    {
        private readonly Dictionary<string, WxrCategory> categories = export.Categories.DistinctBy(c => c.Slug).ToDictionary(c => c.Slug);
        private readonly Dictionary<string, string> tagNames = export.Tags.DistinctBy(t => t.Slug).ToDictionary(t => t.Slug, t => t.Name);
        private readonly Dictionary<string, string> authorNames = export.Authors.DistinctBy(a => a.Login).ToDictionary(a => a.Login, a => a.DisplayName);
        private readonly Dictionary<int, WxrItem> attachments = export.Items.Where(i => i.Type == "attachment").DistinctBy(i => i.Id).ToDictionary(i => i.Id);

        // Each uploaded file (by its path under the uploads folder) and the library image it became, or null when missing.
        private readonly Dictionary<string, int?> media = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> reportedMissing = new(StringComparer.OrdinalIgnoreCase);

        private ImportWriter Writer => owner.Writer;

        public async Task AttachmentsAsync(CancellationToken cancellationToken)
        {
            foreach (var attachment in attachments.Values)
            {
                if (attachment.AttachmentUrl is not { } url || UploadPath(url) is null)
                {
                    report.Skip("attachment", $"{attachment.Id}", "it has no address in the uploads folder");
                    continue;
                }
                if (!ImageExtensions.Contains(Path.GetExtension(UploadPath(url)!)))
                {
                    report.Skip("attachment", url, "not an image (the media library holds images): links to it keep its old address");
                    continue;
                }
                await ImageAsync(url, $"attachment {attachment.Id}", cancellationToken);
            }
        }

        /// <summary>The library image for an address in the old uploads folder: imported once, or reported missing once.</summary>
        private async Task<int?> ImageAsync(string url, string usedBy, CancellationToken cancellationToken)
        {
            if (UploadPath(url) is not { } relative)
            {
                return null;
            }
            var found = mediaFolder is null ? null : Find(relative);
            var key = found?.Relative ?? relative;
            if (media.TryGetValue(key, out var known))
            {
                return known;
            }
            if (found is null)
            {
                media[key] = null;
                if (reportedMissing.Add(relative))
                {
                    report.Warn("image", url, mediaFolder is null
                        ? $"no media folder was given: {usedBy} keeps the image's old address"
                        : $"not found in the media folder (looked for {relative}): {usedBy} keeps the image's old address");
                }
                return null;
            }
            var attachment = attachments.Values.FirstOrDefault(a => a.AttachmentUrl is { } u && string.Equals(UploadPath(u), found.Value.Relative, StringComparison.OrdinalIgnoreCase));
            var alt = attachment is null ? null : attachment.Meta.GetValueOrDefault("_wp_attachment_image_alt") is { Length: > 0 } a ? a : owner.Html.PlainText(attachment.Title);
            var caption = attachment is null ? null : owner.Html.PlainText(attachment.Excerpt);
            var (id, problem) = await Writer.MediaAsync(Source, found.Value.Relative, found.Value.File, alt, caption, actor, report, cancellationToken);
            if (problem is not null)
            {
                report.Warn("image", url, $"{problem} ({usedBy} keeps the image's old address)");
            }
            media[key] = id;
            return id;
        }

        /// <summary>The file for an uploads path: the file itself, or the original a resized copy ("-300x200") was made from, which the library then resizes its own way.</summary>
        private (string Relative, string File)? Find(string relative)
        {
            var original = SizeSuffix().Replace(relative, "$1");
            foreach (var candidate in original == relative ? [relative] : new[] { original, relative })
            {
                var file = Path.GetFullPath(Path.Combine(mediaFolder!, candidate));
                if (file.StartsWith(mediaFolder! + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(file))
                {
                    return (candidate.Replace('\\', '/'), file);
                }
            }
            return null;
        }

        public async Task PostAsync(WxrItem item, CancellationToken cancellationToken)
        {
            var label = $"{item.Id} “{Title(item)}”";
            if (await Writer.FindAsync(Source, "post", item.Id.ToString(CultureInfo.InvariantCulture), cancellationToken) is not null)
            {
                report.AlreadyThere("post", label);
                return;
            }
            if (StateOf(item, "post", label) is not var (status, reviewRequested))
            {
                return;
            }
            var (markdown, title) = await BodyAsync(item, label, cancellationToken);
            if (string.IsNullOrWhiteSpace(markdown) && status != ArticleStatus.Draft)
            {
                report.Warn("post", label, "it has no body: imported as a draft (a story goes out with one)");
                status = ArticleStatus.Draft;
            }

            var postCategories = item.Terms.Where(t => t.Domain == "category").ToList();
            int sectionId;
            var tagIds = new List<int>();
            string? sectionRoot = null;
            if (postCategories.Count > 0)
            {
                sectionRoot = Root(postCategories[0].Slug);
                var category = categories.GetValueOrDefault(sectionRoot) ?? new WxrCategory(sectionRoot, postCategories[0].Name, null, null);
                sectionId = await Writer.SectionAsync(Source, "category:" + sectionRoot, WebUtility.HtmlDecode(category.Name), category.Slug, category.Description, report, cancellationToken);
            }
            else
            {
                sectionId = await Writer.DefaultSectionAsync(Source, report, cancellationToken);
                report.Warn("post", label, "it has no category: filed under the paper's first section");
            }
            foreach (var term in postCategories.Where(c => c.Slug != sectionRoot))
            {
                var name = categories.TryGetValue(term.Slug, out var c) ? c.Name : term.Name;
                tagIds.Add(await Writer.TagAsync(Source, "category:" + term.Slug, WebUtility.HtmlDecode(name), term.Slug, report, cancellationToken));
            }
            foreach (var term in item.Terms.Where(t => t.Domain == "post_tag"))
            {
                var name = tagNames.GetValueOrDefault(term.Slug) ?? term.Name;
                tagIds.Add(await Writer.TagAsync(Source, "post_tag:" + term.Slug, WebUtility.HtmlDecode(name), term.Slug, report, cancellationToken));
            }
            if (tagIds.Distinct().Count() > 20)
            {
                report.Warn("post", label, $"it had {tagIds.Distinct().Count()} categories and tags: the first 20 are kept (a story here has at most 20 tags)");
            }
            var authorIds = item.Creator.Length == 0 ? [] : new List<int>
            {
                await Writer.AuthorAsync(Source, item.Creator, authorNames.GetValueOrDefault(item.Creator) ?? item.Creator, null, report, cancellationToken),
            };

            int? heroId = null;
            string? heroUrl = null;
            if (item.Meta.GetValueOrDefault("_thumbnail_id") is { } thumbnail && int.TryParse(thumbnail, out var thumbnailId))
            {
                if (attachments.TryGetValue(thumbnailId, out var attachment) && attachment.AttachmentUrl is { } url)
                {
                    heroId = await ImageAsync(url, $"the featured image of post {item.Id}", cancellationToken);
                    heroUrl = heroId is null && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url : null;
                }
                else
                {
                    report.Warn("post", label, $"its featured image (attachment {thumbnailId}) is not in the export");
                }
            }

            var at = item.DateGmt ?? item.DateLocal ?? owner.Now;
            await Writer.ArticleAsync(Source, new ImportedArticle
            {
                ExternalId = item.Id.ToString(CultureInfo.InvariantCulture),
                Title = title,
                Slug = Slug(item, title, "post"),
                Markdown = markdown,
                Standfirst = owner.Html.PlainText(item.Excerpt),
                SectionId = sectionId,
                TagIds = tagIds,
                AuthorIds = authorIds,
                Status = status,
                PublishedAt = at,
                CreatedAt = at,
                UpdatedAt = at,
                IsFeatured = item.Sticky && status == ArticleStatus.Published,
                ReviewRequested = reviewRequested,
                HeroMediaId = heroId,
                HeroImageUrl = heroUrl,
                OldPaths = [.. Links(item), string.Create(CultureInfo.InvariantCulture, $"/?p={item.Id}")],
            }, actor, report, cancellationToken);
        }

        public async Task PageAsync(WxrItem item, CancellationToken cancellationToken)
        {
            var label = $"{item.Id} “{Title(item)}”";
            if (await Writer.FindAsync(Source, "page", item.Id.ToString(CultureInfo.InvariantCulture), cancellationToken) is not null)
            {
                report.AlreadyThere("page", label);
                return;
            }
            if (StateOf(item, "page", label) is not var (status, _))
            {
                return;
            }
            var (markdown, title) = await BodyAsync(item, label, cancellationToken);
            var at = item.DateGmt ?? item.DateLocal ?? owner.Now;
            await Writer.PageAsync(Source, new ImportedPage(item.Id.ToString(CultureInfo.InvariantCulture), title, Slug(item, title, "page"), markdown,
                status == ArticleStatus.Published, at, at, [.. Links(item), string.Create(CultureInfo.InvariantCulture, $"/?page_id={item.Id}")]), actor, report, cancellationToken);
        }

        /// <summary>The state here for WordPress's status, or null (reported) for an item that is not brought in.</summary>
        private (ArticleStatus Status, bool ReviewRequested)? StateOf(WxrItem item, string kind, string label)
        {
            if (item.Password.Length > 0)
            {
                report.Warn(kind, label, "it was password-protected: imported as a draft (this site has no passwords on stories)");
                return (ArticleStatus.Draft, false);
            }
            switch (item.Status)
            {
                case "publish":
                    return (ArticleStatus.Published, false);
                case "future":
                    return kind == "post" ? (ArticleStatus.Scheduled, false) : (ArticleStatus.Draft, false);
                case "draft":
                    return (ArticleStatus.Draft, false);
                case "pending":
                    return (ArticleStatus.Draft, true);
                case "private":
                    report.Warn(kind, label, "it was private: imported as a draft");
                    return (ArticleStatus.Draft, false);
                default:
                    report.Skip(kind, label, item.Status is "trash" or "auto-draft" ? $"its status is {item.Status}" : $"unknown status “{item.Status}”");
                    return null;
            }
        }

        private async Task<(string Markdown, string Title)> BodyAsync(WxrItem item, string label, CancellationToken cancellationToken)
        {
            var handled = new List<string>();
            var content = Shortcodes.Expand(item.Content, ids => Gallery(item, ids), handled);
            foreach (var name in Shortcodes.Remaining(content).Where(n => n is not ("caption" or "gallery" or "embed")))
            {
                report.Warn("shortcode", $"[{name}]", $"left in the text of {label} as typed (not known here)");
            }
            var resolved = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (Match match in ImageSource().Matches(content))
            {
                var src = WebUtility.HtmlDecode(match.Groups[1].Value);
                if (!resolved.ContainsKey(src))
                {
                    resolved[src] = await ImageAsync(src, $"post {item.Id}", cancellationToken) is { } id ? BodyImages.Scheme + id.ToString(CultureInfo.InvariantCulture) : null;
                }
            }
            var markdown = owner.Html.ToMarkdown(content, autoParagraphs: true, src => resolved.GetValueOrDefault(src));
            var title = Title(item);
            if (title.Length == 0)
            {
                var words = owner.Html.PlainText(item.Content).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8).ToList();
                title = words.Count > 0 ? string.Join(' ', words) + "…" : $"Untitled {item.Type} {item.Id}";
                report.Warn(item.Type, $"{item.Id}", $"it has no title: imported as “{title}”");
            }
            return (markdown.Trim().Length == 0 ? "" : markdown, title);
        }

        private IReadOnlyList<(string Url, string Alt)> Gallery(WxrItem post, IReadOnlyList<int> ids)
        {
            var chosen = ids.Count > 0
                ? ids.Select(id => attachments.GetValueOrDefault(id)).OfType<WxrItem>()
                : attachments.Values.Where(a => a.Parent == post.Id).OrderBy(a => a.Id);
            return chosen.Where(a => a.AttachmentUrl is not null)
                .Select(a => (a.AttachmentUrl!, a.Meta.GetValueOrDefault("_wp_attachment_image_alt") is { Length: > 0 } alt ? alt : owner.Html.PlainText(a.Title))).ToList();
        }

        private string Title(WxrItem item) => owner.Html.PlainText(item.Title);

        private string Root(string slug)
        {
            for (var depth = 0; depth < 32 && categories.TryGetValue(slug, out var category) && category.Parent is { } parent && categories.ContainsKey(parent); depth++)
            {
                slug = parent;
            }
            return slug;
        }

        private static IEnumerable<string> Links(WxrItem item) => item.Link is { } link ? [link] : [];

        // Slugs here are ASCII: a name in another script can come out as nothing, or as its digits alone ("επίπεδο-2" is "2").
        private static string Slug(WxrItem item, string title, string kind) =>
            Text.Slugify(Uri.UnescapeDataString(item.Name)) is { Length: > 0 } fromName && !fromName.All(char.IsAsciiDigit) ? fromName
            : Text.Slugify(title) is { Length: > 0 } fromTitle && !fromTitle.All(char.IsAsciiDigit) ? fromTitle
            : string.Create(CultureInfo.InvariantCulture, $"{kind}-{item.Id}");
    }

    /// <summary>The path under the old uploads folder: "/wp-content/uploads/2011/07/x.jpg" (or WordPress.com's "/2011/07/x.jpg") is "2011/07/x.jpg".</summary>
    public static string? UploadPath(string url)
    {
        string path;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            path = Uri.UnescapeDataString(uri.AbsolutePath);
        }
        else if (url.StartsWith('/'))
        {
            path = Uri.UnescapeDataString(url.Split('?', '#')[0]);
        }
        else
        {
            return null;
        }
        const string uploads = "/wp-content/uploads/";
        var at = path.IndexOf(uploads, StringComparison.OrdinalIgnoreCase);
        var relative = at >= 0 ? path[(at + uploads.Length)..] : YearMonthFile().IsMatch(path) ? path.TrimStart('/') : null;
        return relative is null || relative.Split('/').Any(s => s is "" or "." or "..") ? null : relative;
    }

    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".gif", ".webp" };

    [GeneratedRegex(@"<img\b[^>]*?\bsrc\s*=\s*[""']([^""']+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex ImageSource();

    [GeneratedRegex(@"^/\d{4}/\d{2}/[^/]+$")]
    private static partial Regex YearMonthFile();

    [GeneratedRegex(@"-\d+x\d+(\.[A-Za-z0-9]+)$")]
    private static partial Regex SizeSuffix();
}

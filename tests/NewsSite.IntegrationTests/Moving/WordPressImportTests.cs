using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Imports;
using NewsSite.Web.Features.Imports.WordPress;
using NewsSite.Web.Infrastructure.Auditing;

namespace NewsSite.IntegrationTests.Moving;

/// <summary>
/// The WordPress Theme Unit Test export (a real WXR with WordPress's edge cases) imported once into a site of its own,
/// with an uploads folder holding three of its images, then checked through the site's pages.
/// </summary>
public sealed class WordPressImportTests(WordPressImportTests.Imported imported) : IClassFixture<WordPressImportTests.Imported>
{
    public sealed class Imported : IAsyncLifetime
    {
        private readonly SemaphoreSlim once = new(1, 1);
        private ImportReport? first;

        public NewsroomFactory Site { get; } = new();
        public string MediaFolder { get; } = Path.Combine(Path.GetTempPath(), "newssite-tests", $"uploads-{Guid.NewGuid():n}");

        /// <summary>The first import's report (the import runs once, for the first test that asks).</summary>
        public async Task<ImportReport> FirstRunAsync()
        {
            var export = SharedData.WordPressExport;
            await once.WaitAsync();
            try
            {
                return first ??= await RunAsync(export);
            }
            finally
            {
                once.Release();
            }
        }

        public async Task<ImportReport> RunAsync(string export)
        {
            await using var scope = Site.Services.CreateAsyncScope();
            await using var file = File.OpenRead(export);
            return await scope.ServiceProvider.GetRequiredService<WordPressImporter>().ImportAsync(file, MediaFolder, new ImportActor("Mover Max"), CancellationToken.None);
        }

        public Task InitializeAsync()
        {
            // Where --media maps https://…/2008/06/100_5478.jpg (and /wp-content/uploads/2008/06/…): FOLDER/2008/06/100_5478.jpg.
            SharedData.WriteJpeg(Path.Combine(MediaFolder, "2008", "06", "100_5478.jpg"), 640, 480);
            SharedData.WriteJpeg(Path.Combine(MediaFolder, "2013", "03", "featured-image-horizontal.jpg"), 120, 60);
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            await Site.DisposeAsync();
            if (Directory.Exists(MediaFolder))
            {
                Directory.Delete(MediaFolder, recursive: true);
            }
        }
    }

    private NewsroomFactory Site => imported.Site;

    private Task<Article> ArticleAsync(string slug) =>
        Site.WithDbAsync((db, _) => db.Articles.AsNoTracking().Include(a => a.Section).SingleAsync(a => a.Slug == slug));

    [SkippableFact]
    public async Task PublishedPost_IsAtItsNewAddress_WithItsSectionTagsAndAuthor()
    {
        await imported.FirstRunAsync();
        var reader = Site.CreateBrowserlessClient();

        var response = await reader.GetAsync("/classic/template-comments");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Template: Comments", page.QuerySelector("main h1")!.TextContent.Trim());
        var links = page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/author/theme-buster", links);
        // Its post tags, and its other categories (Template, Uncategorized) as tags: nothing it was filed under is lost.
        Assert.Contains("/tag/comments-2", links);
        Assert.Contains("/tag/template-2", links);
        Assert.Contains("/tag/uncategorized", links);
        var article = await ArticleAsync("template-comments");
        Assert.Equal("Classic", article.Section.Name);
        Assert.Equal(new DateTime(2012, 1, 3, 17, 11, 37, DateTimeKind.Utc), article.PublishedAt);
    }

    [SkippableFact]
    public async Task ImportedArticle_HasItsFirstRevision_AndIsFoundBySearch()
    {
        await imported.FirstRunAsync();
        var article = await ArticleAsync("keyboard-navigation");

        var revisions = await Site.WithDbAsync((db, _) => db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == article.Id).ToListAsync());

        var revision = Assert.Single(revisions);
        Assert.Equal(1, revision.Number);
        Assert.Equal("Mover Max", revision.CreatedByName);
        Assert.Equal("Imported from wordpress (1724)", revision.Note);
        Assert.Equal(article.BodyMarkdown, revision.BodyMarkdown);
        var search = Html.Parse(await Site.CreateBrowserlessClient().GetStringAsync("/search?q=keyboard"));
        Assert.Contains(search.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/{article.Section.Slug}/keyboard-navigation");
    }

    [SkippableFact]
    public async Task States_ScheduledAtItsTime_DraftsAndProtectedPostsNotPublic_StickyFeatured()
    {
        await imported.FirstRunAsync();
        var reader = Site.CreateBrowserlessClient();

        var scheduled = await ArticleAsync("scheduled");
        Assert.Equal(ArticleStatus.Scheduled, scheduled.Status);
        Assert.Equal(new DateTime(2030, 1, 1, 19, 0, 18, DateTimeKind.Utc), scheduled.PublishedAt);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/{scheduled.Section.Slug}/scheduled")).StatusCode);

        var draft = await ArticleAsync("draft");
        Assert.Equal(ArticleStatus.Draft, draft.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/{draft.Section.Slug}/draft")).StatusCode);

        var report = await imported.FirstRunAsync();
        Assert.Equal(ArticleStatus.Draft, (await ArticleAsync("template-password-protected")).Status);
        Assert.Contains(report.Warnings, w => w.Item.StartsWith("1168 ", StringComparison.Ordinal) && w.Reason.Contains("password-protected"));
        Assert.True((await ArticleAsync("template-sticky")).IsFeatured);
        // No title, no body: still imported, with a made-up title and as a draft, both reported.
        Assert.Contains(report.Warnings, w => w.Item == "1169" && w.Reason.Contains("no title"));
        Assert.Equal(ArticleStatus.Draft, (await ArticleAsync("edge-case-no-content")).Status);
        Assert.Contains(report.Skipped, s => s.Kind == "nav_menu_item" && s.Item == "70 items");
        Assert.Contains(report.Skipped, s => s.Kind == "comment");
    }

    [SkippableFact]
    public async Task OldPermalinks_AndPostNumbers_AnswerPermanentRedirects_TheFrontPageIgnoresOtherQueries()
    {
        await imported.FirstRunAsync();
        var reader = Site.CreateBrowserlessClient();

        foreach (var old in new[] { "/2012/01/03/template-comments/", "/2012/01/03/template-comments", "/?p=1148", "/2012/01/03/Template-Comments/?utm_source=old" })
        {
            var response = await reader.GetAsync(old);
            Assert.True(response.StatusCode == HttpStatusCode.MovedPermanently, $"{old}: {(int)response.StatusCode}");
            Assert.Equal("/classic/template-comments", response.Headers.Location?.OriginalString);
        }
        var page = await reader.GetAsync("/?page_id=1134");
        Assert.Equal(HttpStatusCode.MovedPermanently, page.StatusCode);
        Assert.Equal("/pages/page-markup-and-formatting", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/pages/page-markup-and-formatting")).StatusCode);

        // The front page with any other query, or a post number nobody had, is the front page.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/?utm_source=newsletter")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/?p=999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/2012/01/03/no-such-post/")).StatusCode);
    }

    [SkippableFact]
    public async Task ImageFoundInTheMediaFolder_BecomesALibraryImage_CaptionAFigure_FeaturedImageTheHero()
    {
        await imported.FirstRunAsync();
        var reader = Site.CreateBrowserlessClient();

        // [caption]<a><img src="…/2008/06/100_5478.jpg?w=604"></a> Bell on wharf…[/caption]
        var article = await ArticleAsync("post-format-image-caption");
        var page = Html.Parse(await reader.GetStringAsync($"/{article.Section.Slug}/post-format-image-caption"));
        var figure = page.QuerySelector("main figure:not(.hero) img[src^='/media/']")?.Closest("figure");
        Assert.NotNull(figure);
        Assert.Equal("Bell on wharf in San Francisco", figure.QuerySelector("figcaption")!.TextContent.Trim());
        var media = await Site.WithDbAsync((db, _) => db.Media.AsNoTracking().SingleAsync(m => m.OriginalFileName == "100_5478.jpg"));
        Assert.Equal("Bell on Wharf", media.AltText);
        Assert.NotEmpty(media.VariantWidths);
        Assert.Contains("media:" + media.Id, article.BodyMarkdown);
        var image = await reader.GetAsync(figure.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);

        var featured = await ArticleAsync("template-featured-image-horizontal");
        Assert.NotNull(featured.HeroMediaId);
        var hero = Html.Parse(await reader.GetStringAsync($"/{featured.Section.Slug}/template-featured-image-horizontal"));
        Assert.Contains(hero.QuerySelectorAll("main img"), i => i.GetAttribute("src") == featured.HeroImageUrl && featured.HeroImageUrl!.StartsWith("/media/", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task MissingImage_IsReported_AndKeepsItsAddress_GalleryShowsItsImages()
    {
        var report = await imported.FirstRunAsync();
        const string missing = "https://wpthemetestdata.files.wordpress.com/2008/06/dsc20050727_091048_222.jpg";

        Assert.Contains(report.Warnings, w => w.Kind == "image" && w.Item == missing && w.Reason.Contains("not found in the media folder (looked for 2008/06/dsc20050727_091048_222.jpg)"));
        var gallery = await ArticleAsync("post-format-gallery");
        var page = Html.Parse(await Site.CreateBrowserlessClient().GetStringAsync($"/{gallery.Section.Slug}/post-format-gallery"));
        var sources = page.QuerySelectorAll("main img").Select(i => i.GetAttribute("src")).ToList();
        Assert.Contains(missing, sources);
        // The one found in the folder is the library's copy, in the same gallery.
        Assert.Contains(sources, s => s!.StartsWith("/media/", StringComparison.Ordinal));
        Assert.DoesNotContain("[gallery", page.QuerySelector("main")!.TextContent);
    }

    [SkippableFact]
    public async Task SecondRun_ChangesNothing_AndReportsEverythingAlreadyImported()
    {
        var first = await imported.FirstRunAsync();
        var before = await CountsAsync();

        var second = await imported.RunAsync(SharedData.WordPressExport);

        Assert.Equal(before, await CountsAsync());
        Assert.Empty(second.Imported);
        Assert.Equal(first.Imported.Count(n => n.Kind is "post" or "page"), second.AlreadyImported.Count);
        Assert.All(second.AlreadyImported, n => Assert.Equal("already imported", n.Reason));
        // Each run is in the audit log under the operator's name (--by), with its summary.
        Assert.True(await Site.WithDbAsync((db, _) => db.AuditLog.AsNoTracking().AnyAsync(a => a.Action == AuditActions.ImportedFromWordPress && a.UserName == "Mover Max" && a.Details == second.Summary)));
    }

    private Task<string> CountsAsync() => Site.WithDbAsync(async (NewsDbContext db, IServiceProvider _) => string.Join(",",
        await db.Articles.CountAsync(), await db.ArticleRevisions.CountAsync(), await db.StaticPages.CountAsync(), await db.Sections.CountAsync(),
        await db.Tags.CountAsync(), await db.Authors.CountAsync(), await db.Media.CountAsync(), await db.LegacyRedirects.CountAsync(), await db.ImportedItems.CountAsync()));
}

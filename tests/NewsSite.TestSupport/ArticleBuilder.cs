using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.TestSupport;

/// <summary>Test articles with sensible defaults: published an hour ago in a section of their own, by one author.</summary>
public sealed class ArticleBuilder
{
    private static int counter;

    private readonly string unique = $"{Interlocked.Increment(ref counter)}-{Guid.NewGuid().ToString("n")[..6]}";
    private string title;
    private string standfirst = "A standfirst that sums up the story in one sentence.";
    private string body = "First paragraph of the story.\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth paragraph.\n\nFifth paragraph.";
    private ArticleStatus status = ArticleStatus.Published;
    private DateTime? publishedAt = DateTime.UtcNow.AddHours(-1);
    private string sectionSlug;
    private string[] tags = [];
    private string authorName;
    private bool noAds;
    private bool featured;
    private readonly List<Action<Article>> changes = [];

    public ArticleBuilder()
    {
        title = $"Test story {unique}";
        sectionSlug = $"testsection-{unique}";
        authorName = $"Test Author {unique}";
    }

    public ArticleBuilder Titled(string value) { title = value; return this; }
    public ArticleBuilder WithStandfirst(string value) { standfirst = value; return this; }
    public ArticleBuilder WithBody(string markdown) { body = markdown; return this; }
    public ArticleBuilder InSection(string slug) { sectionSlug = slug; return this; }
    public ArticleBuilder Tagged(params string[] names) { tags = names; return this; }
    public ArticleBuilder By(string name) { authorName = name; return this; }
    public ArticleBuilder Draft() { status = ArticleStatus.Draft; publishedAt = null; return this; }
    public ArticleBuilder ScheduledFor(DateTime utc) { status = ArticleStatus.Scheduled; publishedAt = utc; return this; }
    public ArticleBuilder PublishedAt(DateTime utc) { publishedAt = utc; return this; }
    public ArticleBuilder WithoutAds() { noAds = true; return this; }
    public ArticleBuilder Featured() { featured = true; return this; }

    /// <summary>Any other field the test is about (type of work, dateline, backstory, sponsor…), set just before saving.</summary>
    public ArticleBuilder With(Action<Article> change) { changes.Add(change); return this; }

    public async Task<Article> SaveAsync(NewsSiteFactory site)
    {
        return await site.WithDbAsync(async (db, services) =>
        {
            var renderer = services.GetRequiredService<ArticleBodyRenderer>();
            var rendered = renderer.Render(body, await new BodyImages(db).ForAsync(body, default));
            var section = await db.Sections.FirstOrDefaultAsync(s => s.Slug == sectionSlug)
                ?? new Section { Name = $"Section {sectionSlug}", Slug = sectionSlug, Position = 100 };
            var authorSlug = Text.Slugify(authorName);
            var author = await db.Authors.FirstOrDefaultAsync(a => a.Slug == authorSlug)
                ?? new Author { Name = authorName, Slug = authorSlug, Bio = $"{authorName} writes tests." };
            var article = new Article
            {
                Title = title,
                Slug = Text.Slugify(title),
                Standfirst = standfirst,
                BodyMarkdown = body,
                BodyHtml = rendered.Html,
                BodyText = rendered.Text,
                ParagraphEnds = rendered.ParagraphEnds,
                ReadingTimeMinutes = rendered.ReadingTimeMinutes,
                Section = section,
                Status = status,
                PublishedAt = publishedAt,
                CreatedAt = DateTime.UtcNow.AddHours(-2),
                UpdatedAt = publishedAt ?? DateTime.UtcNow,
                NoAds = noAds,
                IsFeatured = featured,
                HeroImageUrl = "/images/sample/harbour.svg",
                HeroImageAlt = "A test picture",
                HeroImageCaption = "A test caption",
                HeroImageCredit = "Test credit",
                HeroImageWidth = 1200,
                HeroImageHeight = 675,
            };
            article.Authors.Add(new ArticleAuthor { Article = article, Author = author, Position = 0 });
            changes.ForEach(change => change(article));
            foreach (var name in tags)
            {
                var slug = Text.Slugify(name);
                var tag = await db.Tags.FirstOrDefaultAsync(t => t.Slug == slug) ?? new Tag { Name = name, Slug = slug };
                article.Tags.Add(new ArticleTag { Article = article, Tag = tag });
            }
            db.Articles.Add(article);
            await db.SaveChangesAsync();
            return await db.Articles.Include(a => a.Section).AsNoTracking().SingleAsync(a => a.Id == article.Id);
        });
    }
}

public static class ArticleUrls
{
    public static string UrlOf(this Article article) => $"/{article.Section.Slug}/{article.Slug}";
}

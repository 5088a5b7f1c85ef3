using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Content;
using NewsSite.Web.Infrastructure.Database;

namespace NewsSite.Web.Infrastructure.SampleContent;

/// <summary>Fills an empty database with the sample paper, so a first run looks like a real site.</summary>
public sealed class SampleContentSeeder(NewsDbContext db, ArticleBodyRenderer renderer, TimeProvider clock, ILogger<SampleContentSeeder> logger)
{
    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        // Plain SQL, as the start-up's other reads: this runs on every start with the default settings (PlainSqlReads).
        if (await db.Database.HasRowsAsync("Sections", cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var sections = SampleArticles.Sections.Select((s, i) => new Section { Name = s.Name, Slug = Text.Slugify(s.Name), Description = s.Description, Position = i })
            .ToDictionary(s => s.Name);
        var authors = SampleArticles.Authors.Select(a => new Author
            {
                Name = a.Name, Slug = Text.Slugify(a.Name), Bio = a.Bio, PhotoUrl = a.PhotoUrl,
                JobTitle = a.JobTitle, Expertise = a.Expertise, ContactEmail = a.ContactEmail, ProfileLinks = a.ProfileLinks, XHandle = a.XHandle,
            })
            .ToDictionary(a => a.Name);
        var tags = new Dictionary<string, Tag>(StringComparer.OrdinalIgnoreCase);

        foreach (var sample in SampleArticles.All)
        {
            var body = renderer.Render(sample.Body);
            var publishedAt = now - sample.Age;
            var article = new Article
            {
                Title = sample.Title,
                Slug = Text.Slugify(sample.Title),
                Standfirst = sample.Standfirst,
                BodyMarkdown = sample.Body,
                BodyHtml = body.Html,
                BodyText = body.Text,
                ParagraphEnds = body.ParagraphEnds,
                ReadingTimeMinutes = body.ReadingTimeMinutes,
                Section = sections[sample.Section],
                HeroImageUrl = $"/images/sample/{sample.Image}.svg",
                HeroImageAlt = sample.ImageAlt,
                HeroImageCaption = sample.ImageCaption,
                HeroImageCredit = "Illustration: NewsSite",
                HeroImageWidth = 1200,
                HeroImageHeight = 675,
                Status = sample.Status,
                PublishedAt = sample.Status == ArticleStatus.Draft ? null : publishedAt,
                CreatedAt = publishedAt.AddHours(-3),
                UpdatedAt = sample.Status == ArticleStatus.Published && sample.UpdatedAfter is { } later ? publishedAt + later : publishedAt,
                IsFeatured = sample.Featured,
                NoAds = sample.NoAds,
                WorkType = sample.WorkType,
                SponsorName = sample.Sponsor,
                Dateline = sample.Dateline,
                Backstory = sample.Backstory,
                ShownUpdatedAt = sample.UpdateReason is not null && sample.UpdatedAfter is { } shownLater ? publishedAt + shownLater : null,
                UpdateReason = sample.UpdateReason,
            };
            article.Authors = sample.Authors.Select((name, i) => new ArticleAuthor { Article = article, Author = authors[name], Position = i }).ToList();
            article.Tags = sample.Tags.Select(name => new ArticleTag
            {
                Article = article,
                Tag = tags.TryGetValue(name, out var tag) ? tag : tags[name] = new Tag { Name = name, Slug = Text.Slugify(name) },
            }).ToList();
            db.Articles.Add(article);
            if (sample.Title == SampleArticles.PinnedLead)
            {
                db.FrontPagePins.Add(new FrontPagePin { Article = article, Slot = FrontPageSlot.Lead, PinnedAt = now, PinnedByName = SampleArticles.Authors[0].Name });
            }
            if (sample.WorkType == WorkType.Live && sample.Status == ArticleStatus.Published)
            {
                // Coverage running since the story went out, with entries from two reporters.
                article.LiveStartedAt = publishedAt;
                foreach (var entry in SampleArticles.LiveEntries.Where(e => e.ArticleTitle == sample.Title))
                {
                    db.LiveEntries.Add(new LiveEntry
                    {
                        Article = article,
                        Title = entry.Title,
                        BodyMarkdown = entry.Body,
                        BodyHtml = renderer.Render(entry.Body).Html,
                        PostedAt = publishedAt + entry.After,
                        EditedAt = entry.EditedAfter is { } edited ? publishedAt + edited : null,
                        IsPinned = entry.Pinned,
                        CreatedByName = entry.Author,
                    });
                    article.UpdatedAt = article.UpdatedAt > publishedAt + entry.After ? article.UpdatedAt : publishedAt + entry.After;
                }
            }
            foreach (var correction in SampleArticles.Corrections.Where(c => c.ArticleTitle == sample.Title && sample.Status == ArticleStatus.Published))
            {
                db.Corrections.Add(new Correction
                {
                    Article = article,
                    Kind = correction.Kind,
                    Text = correction.Text,
                    ShowAtTop = correction.ShowAtTop,
                    At = publishedAt + correction.After,
                    CreatedByName = sample.Authors[0],
                });
                // A correction is a change to the story: its dateModified is the latest one.
                article.UpdatedAt = article.UpdatedAt > publishedAt + correction.After ? article.UpdatedAt : publishedAt + correction.After;
            }
        }

        db.AdSlots.AddRange(
            new AdSlot { Placement = AdPlacements.ArticleInline, IsEnabled = true, UpdatedAt = now, Html = SampleArticles.InlineAdHtml },
            new AdSlot { Placement = AdPlacements.Sidebar, IsEnabled = true, UpdatedAt = now, Html = SampleArticles.SidebarAdHtml });

        db.StaticPages.AddRange(SamplePages.All.Select((p, i) => new StaticPage
        {
            Title = p.Title, Slug = Text.Slugify(p.Title), Kind = p.Kind, BodyMarkdown = p.Body, BodyHtml = renderer.Render(p.Body).Html,
            IsPublished = true, ShowInFooter = true, FooterPosition = i, CreatedAt = now, UpdatedAt = now, UpdatedByName = "NewsSite", Version = 1,
        }));

        // The newsletter every paper starts with, named as the sample paper would name it.
        if (await db.Newsletters.FirstOrDefaultAsync(n => n.Id == Features.Newsletter.Signup.SignupService.FirstNewsletterId, cancellationToken) is { } first)
        {
            first.Name = "The Morning Briefing";
            first.Description = "Harbourton's most important stories, in your inbox before breakfast.";
            first.SenderName = "The Harbourton Herald";
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded {ArticleCount} sample articles in {SectionCount} sections", SampleArticles.All.Count, sections.Count);
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Data.Entities;
using NewsSite.Web.Infrastructure.Caching;

namespace NewsSite.UnitTests.Caching;

/// <summary>What each kind of saved row evicts, worked out on a real (in-memory) SQLite database.</summary>
public sealed class EvictionMapTests : IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private readonly NewsDbContext db;

    public EvictionMapTests()
    {
        connection.Open();
        db = new NewsDbContext(new DbContextOptionsBuilder<NewsDbContext>().UseSqlite(connection).Options);
        db.Database.EnsureCreated();
    }

    public void Dispose()
    {
        db.Dispose();
        connection.Dispose();
    }

    [Fact]
    public void EveryKindOfRow_HasARule()
    {
        var missing = db.Model.GetEntityTypes().Select(t => t.ClrType).Distinct().Except(EvictionMap.Kinds).Select(t => t.Name);
        Assert.Empty(missing);
    }

    [Fact]
    public async Task AKindMissingFromTheMap_EvictsEverything()
    {
        await using var other = new OtherContext(connection);
        other.Add(new Unmapped { Id = 1 });
        Assert.Equal([CacheTags.Content], (await EvictionOfPendingSave(other)).PageTags);
    }

    [Fact]
    public async Task ADraft_AnUpload_ARevisionAndANewTag_EvictNothing()
    {
        var section = Add(new Section { Name = "World", Slug = "world" });
        db.SaveChanges();
        var draft = new Article { Title = "Draft", Slug = "draft", Section = section, Status = ArticleStatus.Draft };
        db.Add(draft);
        db.Add(new MediaItem { OriginalFileName = "a.jpg", StoragePath = "2026/11/a.jpg", ContentType = "image/jpeg", AltText = "A harbour" });
        db.Add(new ArticleRevision { Article = draft, Number = 1, Title = "Draft" });
        db.Add(new Tag { Name = "New tag", Slug = "new-tag" });
        Assert.True((await EvictionOfPendingSave(db)).IsEmpty);
    }

    [Fact]
    public async Task EditingAPublishedStory_EvictsItsPage_AndEveryListItIsIn()
    {
        var world = Add(new Section { Name = "World", Slug = "world" });
        var sport = Add(new Section { Name = "Sport", Slug = "sport" });
        var tag = Add(new Tag { Name = "Elections", Slug = "elections" });
        var author = Add(new Author { Name = "Ana Writer", Slug = "ana-writer" });
        var story = Add(new Article { Title = "Story", Slug = "story", Section = world, Status = ArticleStatus.Published, PublishedAt = new DateTime(2026, 3, 9, 0, 0, 0, DateTimeKind.Utc) });
        story.Tags.Add(new ArticleTag { Article = story, Tag = tag });
        story.Authors.Add(new ArticleAuthor { Article = story, Author = author });
        db.SaveChanges();
        db.ChangeTracker.Clear();

        // Loaded without its tags and authors, as a save often is: the database says which lists it is in.
        var loaded = db.Articles.Single();
        loaded.Title = "Story, updated";
        loaded.SectionId = sport.Id;
        var tags = (await EvictionOfPendingSave(db)).PageTags;

        Assert.Equal(
            new[]
            {
                CacheTags.Article(story.Id), CacheTags.Section(world.Id), CacheTags.Section(sport.Id), CacheTags.Tag(tag.Id), CacheTags.Author(author.Id),
                CacheTags.Archive(2026, 3), CacheTags.Archive(2026, null), CacheTags.ArchiveIndex, CacheTags.FrontPage, CacheTags.Feeds,
                CacheTags.Sitemaps, CacheTags.Search, CacheTags.CorrectionsPage,
            }.Order(),
            tags.Order());
    }

    [Fact]
    public async Task ChangesToAStory_FollowWhetherItIsPublic()
    {
        var world = Add(new Section { Name = "World", Slug = "world" });
        var tag = Add(new Tag { Name = "Elections", Slug = "elections" });
        var draft = Add(new Article { Title = "Draft", Slug = "draft", Section = world, Status = ArticleStatus.Draft });
        var published = Add(new Article { Title = "Out", Slug = "out", Section = world, Status = ArticleStatus.Published, PublishedAt = DateTime.UtcNow });
        db.SaveChanges();
        db.ChangeTracker.Clear();

        db.Add(new ArticleTag { ArticleId = draft.Id, TagId = tag.Id });
        db.Add(new Correction { ArticleId = draft.Id, Text = "Not yet public" });
        Assert.True((await EvictionOfPendingSave(db)).IsEmpty);
        db.ChangeTracker.Clear();

        db.Add(new ArticleTag { ArticleId = published.Id, TagId = tag.Id });
        Assert.Equal(new[] { CacheTags.Article(published.Id), CacheTags.Tag(tag.Id) }.Order(), (await EvictionOfPendingSave(db)).PageTags.Order());
        db.ChangeTracker.Clear();

        db.Add(new Correction { ArticleId = published.Id, Text = "We misspelt a name" });
        Assert.Equal(new[] { CacheTags.Article(published.Id), CacheTags.CorrectionsPage }.Order(), (await EvictionOfPendingSave(db)).PageTags.Order());
        db.ChangeTracker.Clear();

        db.Add(new LiveEntry { ArticleId = published.Id, BodyMarkdown = "Polls close" });
        Assert.Equal(new[] { CacheTags.Article(published.Id), CacheTags.FrontPage }.Order(), (await EvictionOfPendingSave(db)).PageTags.Order());
        db.ChangeTracker.Clear();

        // Unpublishing is a public change too: the story leaves its lists.
        var leaving = db.Articles.Single(a => a.Id == published.Id);
        leaving.Status = ArticleStatus.Draft;
        Assert.Contains(CacheTags.Section(world.Id), (await EvictionOfPendingSave(db)).PageTags);
    }

    [Fact]
    public async Task RenamingATag_EvictsItsListAndItsStoriesPages_AndEditingAProfile_ItsListAndBylines()
    {
        var tag = Add(new Tag { Name = "Elections", Slug = "elections" });
        var author = Add(new Author { Name = "Ana Writer", Slug = "ana-writer" });
        db.SaveChanges();

        tag.Name = "Votes";
        tag.Slug = "votes";
        author.Bio = "Covers politics.";
        Assert.Equal(
            new[] { CacheTags.Tag(tag.Id), CacheTags.TaggedWith("elections"), CacheTags.Author(author.Id), CacheTags.Byline("ana-writer"), CacheTags.Feeds, CacheTags.Sitemaps }.Order(),
            (await EvictionOfPendingSave(db)).PageTags.Order());
    }

    [Fact]
    public async Task APin_EvictsTheFrontPage_AndAnIssue_TheNewsletterArchive()
    {
        var world = Add(new Section { Name = "World", Slug = "world" });
        var story = Add(new Article { Title = "Out", Slug = "out", Section = world, Status = ArticleStatus.Published, PublishedAt = DateTime.UtcNow });
        db.SaveChanges();

        db.Add(new FrontPagePin { ArticleId = story.Id, Slot = FrontPageSlot.Lead });
        Assert.Equal([CacheTags.FrontPage], (await EvictionOfPendingSave(db)).PageTags);
        db.ChangeTracker.Clear();

        db.Add(new NewsletterIssue { Subject = "Morning briefing" });
        Assert.Equal([CacheTags.NewsletterArchive], (await EvictionOfPendingSave(db)).PageTags);
    }

    public static TheoryData<string> WhatEveryPageShows => ["section", "static page", "settings", "banner", "ad slot", "newsletter"];

    [Theory]
    [MemberData(nameof(WhatEveryPageShows))]
    public async Task WhatEveryPageShows_EvictsEverything(string kind)
    {
        object row = kind switch
        {
            "section" => new Section { Name = "World", Slug = "world" },
            "static page" => new StaticPage { Title = "About", Slug = "about" },
            "settings" => new SiteSettings { PaperName = "The Daily" },
            "banner" => new BreakingNews { Text = "Polls close" },
            "ad slot" => new AdSlot { Placement = AdPlacements.Sidebar },
            "newsletter" => new NewsSite.Data.Entities.Newsletter { Name = "Morning", Slug = "morning" },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        db.Add(row);
        Assert.Equal([CacheTags.Content], (await EvictionOfPendingSave(db)).PageTags);
    }

    [Fact]
    public async Task AnImportedOldAddress_EmptiesTheMemos_ButEvictsNoPage()
    {
        db.Add(new LegacyRedirect { Source = "wordpress", Path = "/?p=1", Target = "/world/out" });
        var eviction = await EvictionOfPendingSave(db);
        Assert.False(eviction.IsEmpty);
        Assert.Empty(eviction.PageTags);
    }

    private T Add<T>(T row) where T : class
    {
        db.Add(row);
        return row;
    }

    private static Task<Eviction> EvictionOfPendingSave(DbContext context) =>
        Eviction.OfPendingSaveAsync(context, query => Task.FromResult(query.ToList()));

    private sealed class Unmapped
    {
        public int Id { get; set; }
    }

    private sealed class OtherContext(SqliteConnection connection) : DbContext(new DbContextOptionsBuilder<OtherContext>().UseSqlite(connection).Options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Unmapped>();
    }
}

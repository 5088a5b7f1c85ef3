using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Features.Imports;
using NewsSite.Web.Features.Imports.Ghost;
using NewsSite.Web.Infrastructure.Auditing;

namespace NewsSite.IntegrationTests.Moving;

/// <summary>A real Ghost 5.99 export and members file, imported into a site of its own as an operator named by --by.</summary>
public sealed class GhostImportTests(NewsroomFactory site) : IClassFixture<NewsroomFactory>
{
    private const string Operator = "Operator Olga";
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static ImportReport? first;

    private async Task<ImportReport> ImportAsync()
    {
        var export = SharedData.GhostExport;
        var members = SharedData.GhostMembers;
        await Once.WaitAsync();
        try
        {
            return first ??= await RunAsync(export, members);
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<ImportReport> RunAsync(string export, string members)
    {
        await using var scope = site.Services.CreateAsyncScope();
        await using var file = File.OpenRead(export);
        await using var memberFile = File.OpenRead(members);
        return await scope.ServiceProvider.GetRequiredService<GhostImporter>().ImportAsync(file, memberFile, new ImportActor(Operator), CancellationToken.None);
    }

    [SkippableFact]
    public async Task NewsStory_IsPublishedWithItsAuthor_PrimaryTagIsTheSection_OldAddressRedirects()
    {
        var report = await ImportAsync();
        var reader = site.CreateBrowserlessClient();

        var story = await site.WithDbAsync((db, _) => db.Articles.AsNoTracking().Include(a => a.Section).SingleAsync(a => a.Slug == "russia-leaving-syria-lavrov-dispels-rumors"));
        var page = Html.Parse(await reader.GetStringAsync($"/{story.Section.Slug}/{story.Slug}"));
        Assert.Equal("Russia leaving Syria? Lavrov dispels rumors", page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/author/peer-owner");
        Assert.Contains("Dispelling rumors and clarifying positions", page.QuerySelector("main")!.TextContent);
        // It has no tag: the paper's first section, and the report says so.
        Assert.Contains(report.Warnings, w => w.Item.Contains("Russia leaving Syria") && w.Reason.Contains("no primary tag"));

        var comingSoon = await site.WithDbAsync((db, _) => db.Articles.AsNoTracking().Include(a => a.Section).SingleAsync(a => a.Slug == "coming-soon"));
        Assert.Equal("News", comingSoon.Section.Name);
        Assert.Equal(ArticleStatus.Published, comingSoon.Status);
        Assert.Equal("https://static.ghost.org/v4.0.0/images/feature-image.jpg", comingSoon.HeroImageUrl);
        Assert.Contains(report.Warnings, w => w.Kind == "image" && w.Item == comingSoon.HeroImageUrl);

        var redirect = await reader.GetAsync("/coming-soon/");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal($"/{comingSoon.Section.Slug}/coming-soon", redirect.Headers.Location?.OriginalString);
    }

    [SkippableFact]
    public async Task Page_BecomesAStaticPage_AndItsAddressRedirects()
    {
        await ImportAsync();
        var reader = site.CreateBrowserlessClient();

        var about = await site.WithDbAsync((db, _) => db.StaticPages.AsNoTracking().SingleAsync(p => p.Title == "About this site"));
        Assert.True(about.IsPublished);
        Assert.Equal(PageKind.Other, about.Kind);
        Assert.Contains("Peer News is an independent publication", await reader.GetStringAsync($"/pages/{about.Slug}"));
        var redirect = await reader.GetAsync("/about/");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal($"/pages/{about.Slug}", redirect.Headers.Location?.OriginalString);
    }

    [SkippableFact]
    public async Task Members_BecomeConfirmedSubscribers_WithTheirConsentSource_UnderTheOperatorsName()
    {
        await ImportAsync();

        var subscribers = await site.WithDbAsync((db, _) => db.Subscribers.AsNoTracking().Include(s => s.Subscriptions)
            .Where(s => s.Email == "ada@example.test" || s.Email == "grace@example.test" || s.Email == "linus@example.test").ToListAsync());

        Assert.Equal(3, subscribers.Count);
        Assert.All(subscribers, s =>
        {
            Assert.Equal(SubscriberStatus.Confirmed, s.Status);
            Assert.Equal("imported from Ghost", s.ConsentSource);
            Assert.Equal([1], s.Subscriptions.Select(n => n.NewsletterId));
        });
        Assert.Equal("Ada Lovelace", subscribers.Single(s => s.Email == "ada@example.test").Name);
        var ids = subscribers.Select(s => (int?)s.Id).ToList();
        var events = await site.WithDbAsync((db, _) => db.ConsentEvents.AsNoTracking().Where(e => ids.Contains(e.SubscriberId)).ToListAsync());
        Assert.Equal(3, events.Count(e => e.Kind == ConsentEventKind.Imported && e.Source == "imported from Ghost" && e.ActorName == Operator));
        Assert.True(await site.WithDbAsync((db, _) => db.AuditLog.AsNoTracking().AnyAsync(a => a.Action == AuditActions.SubscribersImported && a.UserName == Operator)));
        Assert.True(await site.WithDbAsync((db, _) => db.AuditLog.AsNoTracking().AnyAsync(a => a.Action == AuditActions.ImportedFromGhost && a.UserName == Operator)));
    }

    [SkippableFact]
    public async Task SecondRun_ChangesNothing()
    {
        await ImportAsync();
        var before = await site.WithDbAsync(async (db, _) => (await db.Articles.CountAsync(), await db.StaticPages.CountAsync(), await db.Subscribers.CountAsync(), await db.ConsentEvents.CountAsync(), await db.LegacyRedirects.CountAsync()));

        var second = await RunAsync(SharedData.GhostExport, SharedData.GhostMembers);

        Assert.Equal(before, await site.WithDbAsync(async (db, _) => (await db.Articles.CountAsync(), await db.StaticPages.CountAsync(), await db.Subscribers.CountAsync(), await db.ConsentEvents.CountAsync(), await db.LegacyRedirects.CountAsync())));
        Assert.Empty(second.Imported);
        Assert.Equal(6, second.AlreadyImported.Count); // two posts, a page, three members
    }
}

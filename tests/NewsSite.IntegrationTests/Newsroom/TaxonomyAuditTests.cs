using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsroom;

[Collection(NewsroomCollection.Name)]
public sealed class TaxonomyAuditTests(NewsroomFactory site)
{
    [Fact]
    public async Task SectionChanges_AreAuditedEachUnderItsOwnAction()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var suffix = Guid.NewGuid().ToString("n")[..8];

        await editor.PostFormAsync("/admin/sections/save", new() { ["Name"] = $"Audited {suffix}" }, tokenFrom: "/admin/sections");
        var id = await site.WithDbAsync((db, _) => db.Sections.Where(s => s.Slug == $"audited-{suffix}").Select(s => s.Id).SingleAsync());
        await editor.PostFormAsync("/admin/sections/save", new() { ["Id"] = id.ToString(), ["Name"] = $"Audited again {suffix}", ["Slug"] = $"audited-again-{suffix}" }, tokenFrom: "/admin/sections");
        await editor.PostFormAsync($"/admin/sections/{id}/move", new() { ["direction"] = "-1" }, tokenFrom: "/admin/sections");

        var actions = await ActionsForAsync($"section Audited");
        Assert.Contains(actions, a => a.Action == "section-created" && a.Target == $"section Audited {suffix}");
        Assert.Contains(actions, a => a.Action == "section-edited" && a.Target == $"section Audited again {suffix}" && a.Details == $"address /audited-again-{suffix}");
        Assert.Contains(actions, a => a.Action == "section-moved" && a.Target == $"section Audited again {suffix}");
    }

    [Fact]
    public async Task TagChanges_AreAuditedEachUnderItsOwnAction()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var suffix = Guid.NewGuid().ToString("n")[..8];
        await new ArticleBuilder().Tagged($"Piers {suffix}").SaveAsync(site);
        await new ArticleBuilder().Tagged($"Jetties {suffix}").SaveAsync(site);
        var (piers, jetties) = await site.WithDbAsync(async (db, _) => (
            await db.Tags.Where(t => t.Slug == $"piers-{suffix}").Select(t => t.Id).SingleAsync(),
            await db.Tags.Where(t => t.Slug == $"jetties-{suffix}").Select(t => t.Id).SingleAsync()));

        await editor.PostFormAsync($"/admin/tags/{piers}/rename", new() { ["name"] = $"Harbour piers {suffix}" }, tokenFrom: "/admin/tags");
        await editor.PostFormAsync("/admin/tags/merge", new() { ["sourceId"] = jetties.ToString(), ["targetId"] = piers.ToString() }, tokenFrom: "/admin/tags");

        var actions = await ActionsForAsync("tag ");
        Assert.Contains(actions, a => a.Action == "tag-renamed" && a.Target == $"tag Harbour piers {suffix}" && a.Details == $"renamed from Piers {suffix}");
        Assert.Contains(actions, a => a.Action == "tag-merged" && a.Target == $"tag Jetties {suffix}" && a.Details == $"merged into Harbour piers {suffix}");
    }

    private Task<List<AuditEntry>> ActionsForAsync(string targetPrefix) =>
        site.WithDbAsync((db, _) => db.AuditLog.AsNoTracking().Where(e => e.Target!.StartsWith(targetPrefix)).ToListAsync());
}

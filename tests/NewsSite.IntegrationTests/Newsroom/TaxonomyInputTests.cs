using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>Awkward input to the section, tag and newsletter forms: a message or a 404, never a 500.</summary>
[Collection(NewsroomCollection.Name)]
public sealed class TaxonomyInputTests(NewsroomFactory site)
{
    [Fact]
    public async Task RenamingATag_ToAnotherTagsOldName_GetsAMessage_AndBothAddressesKeepWorking()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var unique = Guid.NewGuid().ToString("n")[..8];
        var article = await new ArticleBuilder().Tagged($"Ferries {unique}", $"Buses {unique}").SaveAsync(site);
        var tags = await site.WithDbAsync((db, _) => db.ArticleTags.Where(at => at.ArticleId == article.Id).Select(at => at.Tag).ToDictionaryAsync(t => t.Name));
        var ferries = tags[$"Ferries {unique}"];
        var buses = tags[$"Buses {unique}"];
        // "Ferries" becomes "Boats": /tag/ferries-… now redirects to it.
        await editor.PostFormAsync($"/admin/tags/{ferries.Id}/rename", new() { ["name"] = $"Boats {unique}" }, tokenFrom: "/admin/tags");

        var response = await editor.PostFormAsync($"/admin/tags/{buses.Id}/rename", new() { ["name"] = $"Ferries {unique}" }, tokenFrom: "/admin/tags");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var flash = Html.Parse(await editor.GetStringAsync("/admin/tags")).QuerySelector(".flash")?.TextContent;
        Assert.Contains($"was the address of a tag now called “Boats {unique}”", flash);
        var stored = await site.WithDbAsync((db, _) => db.Tags.AsNoTracking().SingleAsync(t => t.Id == buses.Id));
        Assert.Equal(buses.Slug, stored.Slug);
    }

    [Fact]
    public async Task SavingASection_WithAnUnknownId_Is404()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var before = await site.WithDbAsync((db, _) => db.Sections.CountAsync());

        var response = await editor.PostFormAsync("/admin/sections/save", new() { ["Id"] = "987654", ["Name"] = "Ghost section" }, tokenFrom: "/admin/sections");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await site.WithDbAsync((db, _) => db.Sections.CountAsync()));
    }

    [Fact]
    public async Task SavingANewsletter_WithAnUnknownId_Is404()
    {
        var editor = await StaffClient.SignedInAsync(site, StaffRoles.Editor);
        var before = await site.WithDbAsync((db, _) => db.NewsletterIssues.CountAsync());

        var response = await editor.PostFormAsync("/admin/newsletters/save", new() { ["Id"] = "987654", ["Subject"] = "Ghost issue" }, tokenFrom: "/admin/newsletters/new");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await site.WithDbAsync((db, _) => db.NewsletterIssues.CountAsync()));
    }
}

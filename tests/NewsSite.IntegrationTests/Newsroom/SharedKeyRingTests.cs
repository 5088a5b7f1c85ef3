using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.SampleContent;

namespace NewsSite.IntegrationTests.Newsroom;

public sealed class SharedKeyRingTests
{
    private static NodeFactory Node(string? sharedDatabase = null, bool emptyDatabase = false) => new(new Dictionary<string, string?>(), sharedDatabase, emptyDatabase);

    [Fact]
    public async Task StaffSignedInOnOneNode_IsSignedInOnAnother_ThatSharesTheDatabase()
    {
        await using var first = Node();
        _ = first.Services; // the first node migrates; the other finds it done
        await using var second = Node(first.ConnectionString);
        var email = await StaffClient.CreateUserAsync(first, StaffRoles.Editor);

        var signIn = await StaffClient.Anonymous(first).SignInAsync(email, StaffClient.Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookies = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(cookie => cookie.Split(';')[0]));
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://localhost/admin");
        request.Headers.Add("Cookie", cookies);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateBrowserlessClient().SendAsync(request)).StatusCode);
        // The ring is in the database, not in either node's data folder.
        Assert.False(Directory.Exists(Path.Combine(second.DataDirectory, "keys")));
    }

    [Fact]
    public async Task NodesStartingTogether_OnAnEmptyDatabase_MakeOneKey_OneSampleSite_AndOneAdministrator()
    {
        await using var first = Node(emptyDatabase: true);
        // The other two are given the first one's database before any of them has started.
        Directory.CreateDirectory(first.DataDirectory);
        await using var second = Node(first.ConnectionString);
        await using var third = Node(first.ConnectionString);

        await Task.WhenAll(new[] { first, second, third }.Select(node => Task.Run(() => node.Services)));

        var (keys, sections, articles, staff) = await first.WithDbAsync(async (db, _) => (
            await db.DataProtectionKeys.CountAsync(), await db.Sections.CountAsync(), await db.Articles.CountAsync(), await db.Users.CountAsync()));
        Assert.Equal(1, keys);
        Assert.Equal(6, sections);
        Assert.Equal(SampleArticles.All.Count, articles);
        Assert.Equal(1, staff);
    }

    [Fact]
    public async Task KeysKeptInTheDataFolderBeforeTheUpgrade_MoveIntoTheDatabase_SoOldCookiesStillWork()
    {
        // A database from before the key ring moved in, so without keys of its own (on PostgreSQL the tests' sites
        // otherwise start from a template that has them).
        await using var node = Node(emptyDatabase: true);
        // A ring as the site kept it before: XML files in <data>/keys, made by ASP.NET Core's own file repository.
        var folder = Directory.CreateDirectory(Path.Combine(node.DataDirectory, "keys"));
        var before = DataProtectionProvider.Create(folder, builder => builder.SetApplicationName("NewsSite"));
        var ticket = before.CreateProtector("cookie").Protect("signed in before the upgrade");

        var after = node.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie");

        Assert.Equal("signed in before the upgrade", after.Unprotect(ticket));
        Assert.Equal(Directory.GetFiles(folder.FullName, "key-*.xml").Length,
            await node.WithDbAsync((db, _) => db.DataProtectionKeys.CountAsync()));
    }

    [Fact]
    public async Task DamagedAndEmptyRowsInTheRing_AreSkipped_AndTheOtherKeysStillWork()
    {
        await using var first = Node();
        var ticket = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Protect("still signed in");
        await first.WithDbAsync(async db =>
        {
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "damaged", Xml = "<key id=\"cut off" });
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "empty", Xml = null });
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "blank", Xml = "" });
            await db.SaveChangesAsync();
        });

        // Another node reads the ring afresh from the database, damaged and empty rows and all (it starts: its start-up
        // reads the ring too).
        await using var second = Node(first.ConnectionString);
        var protector = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie");

        Assert.Equal("still signed in", protector.Unprotect(ticket));
        Assert.Contains("is not valid XML and was skipped", await second.ReadLogAsync());
    }
}

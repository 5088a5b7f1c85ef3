using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsSite.Data.Entities;
using NewsSite.TestSupport;
using NewsSite.Web.Infrastructure.Media;
using SkiaSharp;

namespace NewsSite.IntegrationTests.Newsroom;

public sealed class SharedMediaTests : IDisposable
{
    private readonly string shared = Path.Combine(Path.GetTempPath(), "newssite-tests", $"shared-media-{Guid.NewGuid():n}");

    // Nodes with their own data folders and Storage:MediaDirectory pointing at one folder outside them all.
    private static NodeFactory Node(string mediaDirectory, string? sharedDatabase = null) =>
        new(new Dictionary<string, string?> { ["Storage:MediaDirectory"] = mediaDirectory }, sharedDatabase);

    [Fact]
    public async Task ImageUploadedOnOneNode_IsServedByAnother_AndDeletingItOnThatNode_RemovesItForBoth()
    {
        await using var first = Node(shared);
        _ = first.Services; // the first node migrates and seeds; the second finds it done
        await using var second = Node(shared, first.ConnectionString);
        var uploader = await StaffClient.SignedInAsync(first, StaffRoles.Writer);
        var alt = $"Harbour at dawn {Guid.NewGuid():n}";

        var uploaded = await MediaFiles.UploadAsync(uploader, MediaFiles.Image(1000, 600, SKEncodedImageFormat.Png), "harbour.png", "image/png", alt);

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var item = await second.WithDbAsync((db, _) => db.Media.SingleAsync(m => m.AltText == alt));
        var original = MediaUrls.Original(item.StoragePath);
        var variant = $"{MediaUrls.RequestPath}/{MediaUrls.VariantPath(item.StoragePath, 480)}";
        var onFirst = first.CreateBrowserlessClient();
        var onSecond = second.CreateBrowserlessClient();
        Assert.Equal(await onFirst.GetByteArrayAsync(original), await onSecond.GetByteArrayAsync(original));
        Assert.Equal(await onFirst.GetByteArrayAsync(variant), await onSecond.GetByteArrayAsync(variant));
        // Stored in the shared folder, not in either node's data folder.
        Assert.True(File.Exists(Path.Combine(shared, item.StoragePath)));
        Assert.False(Directory.Exists(Path.Combine(first.DataDirectory, "media")));
        Assert.False(Directory.Exists(Path.Combine(second.DataDirectory, "media")));

        var editor = await StaffClient.SignedInAsync(second, StaffRoles.Editor);
        var deleted = await editor.PostFormAsync($"/admin/media/{item.Id}/delete", new(), tokenFrom: "/admin/media");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onFirst.GetAsync(original)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onFirst.GetAsync(variant)).StatusCode);
    }

    [Fact]
    public async Task MediaDirectoryThatCannotBeCreated_StopsTheSiteAtStart_NamingTheFolder()
    {
        // A folder "inside" a regular file can never be created, whoever runs the tests (root included).
        Directory.CreateDirectory(shared);
        var notAFolder = Path.Combine(shared, "not-a-folder");
        await File.WriteAllTextAsync(notAFolder, "a file where the volume should be mounted");
        await using var node = Node(Path.Combine(notAFolder, "media"));
        _ = node.ConnectionString; // its database is there (or the test skips) before the start that must fail

        var refused = Assert.ThrowsAny<OptionsValidationException>(() => node.Services);

        Assert.Contains($"The media folder {Path.Combine(notAFolder, "media")} (Storage:MediaDirectory", refused.Message);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(shared, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the run over it is not.
        }
    }
}

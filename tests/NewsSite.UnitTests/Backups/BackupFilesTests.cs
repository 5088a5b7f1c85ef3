using NewsSite.Web.Features.Backups;

namespace NewsSite.UnitTests.Backups;

public sealed class BackupFilesTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("newssite-backup-").FullName;

    private BackupManifest Manifest(params BackupFile[] files) =>
        new(BackupManifest.CurrentFormat, DateTime.UtcNow, "test", null, null, new BackupCounts(0, 0, 0, 0, files.Length), [], files, null);

    [Theory]
    [InlineData("media/../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("media/..\\..\\x")]
    [InlineData("keys/secret.xml")]
    public async Task AManifestNamingAPlaceOutsideTheBackupsMedia_IsAProblem_NotAFileToRestore(string path)
    {
        var problems = await BackupFiles.ProblemsAsync(folder, Manifest(new BackupFile(path, 1, "00")), checksums: true, CancellationToken.None);

        Assert.Contains(problems, p => p.Contains("not a place a backup holds files"));
    }

    [Fact]
    public async Task AWholeBackup_HasNoProblems_AndOneChangedByteIsFound()
    {
        Directory.CreateDirectory(Path.Combine(folder, "media", "2026"));
        var file = Path.Combine(folder, "media", "2026", "a.jpg");
        await File.WriteAllBytesAsync(file, [1, 2, 3, 4]);
        var manifest = Manifest(new BackupFile("media/2026/a.jpg", 4, await BackupFiles.Sha256Async(file, CancellationToken.None)));

        Assert.Empty(await BackupFiles.ProblemsAsync(folder, manifest, checksums: true, CancellationToken.None));

        await File.WriteAllBytesAsync(file, [1, 2, 3, 5]);
        Assert.Empty(await BackupFiles.ProblemsAsync(folder, manifest, checksums: false, CancellationToken.None));
        Assert.Equal(["media/2026/a.jpg does not match its SHA-256 in the manifest (changed or damaged)"],
            await BackupFiles.ProblemsAsync(folder, manifest, checksums: true, CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}

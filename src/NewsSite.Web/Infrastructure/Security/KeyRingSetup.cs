using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace NewsSite.Web.Infrastructure.Security;

public sealed class KeyRingOptions
{
    public const string SectionName = "KeyRing";

    /// <summary>Folder of the data-protection keys; empty means <c>keys</c> in the data folder.</summary>
    [StringLength(1000)]
    public string? Directory { get; set; }
}

/// <summary>
/// The data-protection key ring signs and encrypts sign-in cookies, form tokens and kept forms, so every node that
/// serves the site must read the same ring, and it must outlive restarts and redeploys. Where it lives is the seam:
/// ASP.NET Core's own <see cref="IXmlRepository"/>, registered here. Today: files in a folder (the data folder's
/// <c>keys</c>, or KeyRing:Directory, which several nodes can point at one shared volume).
/// </summary>
public static class KeyRingSetup
{
    public static WebApplicationBuilder AddNewsKeyRing(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddDataProtection().SetApplicationName("NewsSite");
        builder.Services.AddSingleton<IXmlRepository>(services => KeyFolder(services));
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IXmlRepository>((options, repository) => options.XmlRepository = repository);
        return builder;
    }

    // The keys are not encrypted at rest (there is no machine key store on Linux to encrypt them with); the folder is
    // made readable by this account only, and the start-up summary says where it is, instead of ASP.NET Core's warning.
    private static FileSystemXmlRepository KeyFolder(IServiceProvider services)
    {
        var paths = services.GetRequiredService<DataPaths>();
        var configured = services.GetRequiredService<IOptions<KeyRingOptions>>().Value.Directory;
        var folder = System.IO.Directory.CreateDirectory(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(paths.DataDirectory, "keys")
            : paths.Resolve(configured));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return new FileSystemXmlRepository(folder, services.GetRequiredService<ILoggerFactory>());
    }

    /// <summary>Where the keys are, for the start-up summary; null when they are not in a folder.</summary>
    public static string? KeyFolderOf(IServiceProvider services) =>
        (services.GetRequiredService<IXmlRepository>() as FileSystemXmlRepository)?.Directory.FullName;
}

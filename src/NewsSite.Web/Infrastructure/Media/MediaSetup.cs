using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace NewsSite.Web.Infrastructure.Media;

/// <summary>Uploaded images: checked, re-encoded, resized, and stored through <see cref="IMediaStorage"/>; and where stories use them.</summary>
public static class MediaSetup
{
    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.SectionName).ValidateWith(new MediaOptionsValidator()).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MediaOptions>, MediaDirectoryValidation>();
        // Today a folder, local or shared by the nodes; an object store would be another implementation here.
        builder.Services.AddSingleton<IMediaStorage>(services =>
        {
            // The pipeline asks for the storage before start-up validation runs: validate here first, so a folder that
            // cannot be written stops the site with MediaDirectoryValidation's message, not a bare IOException.
            _ = services.GetRequiredService<IOptions<MediaOptions>>().Value;
            return new LocalMediaStorage(services.GetRequiredService<DataPaths>().MediaDirectory);
        });
        builder.Services.AddSingleton<ImageProcessor>();
        // Which stories show which image, kept at every save.
        builder.Services.AddSingleton<IInterceptor, MediaUseRecorder>();
        return builder;
    }
}

namespace NewsSite.Web.Infrastructure.Media;

/// <summary>Uploaded images: checked, re-encoded, resized and stored under the data folder.</summary>
public static class MediaSetup
{
    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MediaStore>();
        return builder;
    }
}

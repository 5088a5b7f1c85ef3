namespace NewsSite.Web.Features.Admin.Settings;

/// <summary>The administrators' settings page. What the pages read is Shared/CurrentSite.</summary>
public static class SettingsSetup
{
    public static WebApplicationBuilder AddSiteSettings(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SiteSettingsEditor>();
        return builder;
    }
}

namespace NewsSite.Web.Features.Admin;

/// <summary>The newsroom's services: writing and its access rules, the article list, media, sections and tags, ads, the audit log and the dashboard. Sign-in and accounts are wired with Identity (Infrastructure/Identity).</summary>
public static class AdminSetup
{
    public static WebApplicationBuilder AddNewsroom(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Articles.ArticleEditor>();
        builder.Services.AddScoped<Articles.ArticleAccess>();
        builder.Services.AddScoped<Articles.EditorPresence>();
        builder.Services.AddSingleton<Articles.PreviewThrottle>();
        builder.Services.AddScoped<Articles.ArticleList>();
        builder.Services.AddScoped<Articles.PreviewLinks>();
        builder.Services.AddScoped<Articles.ArticleNotes>();
        builder.Services.AddScoped<Articles.ArticleCorrections>();
        builder.Services.AddScoped<Articles.ReviewNotifications>();
        builder.Services.AddScoped<Media.MediaLibrary>();
        builder.Services.AddScoped<Sections.TaxonomyEditor>();
        builder.Services.AddScoped<FrontPage.FrontPageCuration>();
        builder.Services.AddScoped<Tags.TagDirectory>();
        builder.Services.AddScoped<Ads.AdSlots>();
        builder.Services.AddScoped<Audit.AuditLogReader>();
        builder.Services.AddScoped<Dashboard.DashboardReader>();
        builder.Services.AddScoped<Pages.PageEditor>();
        builder.Services.AddScoped<Authors.AuthorProfiles>();
        return builder;
    }
}

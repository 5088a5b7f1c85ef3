namespace NewsSite.Web.Features.Articles;

/// <summary>The article page, its ads (served in their own sandboxed frames) and the newsroom preview that shares its builder.</summary>
public static class ArticlesSetup
{
    public static WebApplicationBuilder AddArticlePages(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ArticleReader>();
        builder.Services.AddScoped<AdReader>();
        builder.Services.AddScoped<ArticlePageBuilder>();
        return builder;
    }
}

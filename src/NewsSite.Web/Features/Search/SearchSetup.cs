namespace NewsSite.Web.Features.Search;

/// <summary>Reader search; the engine-specific index is behind IFullTextSearch (Infrastructure/Database).</summary>
public static class SearchSetup
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ArticleSearch>();
        return builder;
    }
}

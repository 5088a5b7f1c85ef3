namespace NewsSite.Web.Features.Pages;

/// <summary>Static pages as readers see them (/pages/{slug}, the footer's links, the paper's policies in JSON-LD); the newsroom edits them in Admin/Pages.</summary>
public static class PagesSetup
{
    public static WebApplicationBuilder AddStaticPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PublicPages>();
        return builder;
    }
}

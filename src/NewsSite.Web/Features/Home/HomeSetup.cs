namespace NewsSite.Web.Features.Home;

public static class HomeSetup
{
    public static WebApplicationBuilder AddFrontPage(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<FrontPageReader>();
        return builder;
    }
}

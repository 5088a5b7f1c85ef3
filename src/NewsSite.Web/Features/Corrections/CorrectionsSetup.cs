namespace NewsSite.Web.Features.Corrections;

/// <summary>Corrections as readers see them: on the story (through ArticlePageBuilder), the /corrections page and its feeds.</summary>
public static class CorrectionsSetup
{
    public static WebApplicationBuilder AddCorrections(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CorrectionReader>();
        return builder;
    }
}

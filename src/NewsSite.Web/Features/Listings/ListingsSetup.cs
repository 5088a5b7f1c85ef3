namespace NewsSite.Web.Features.Listings;

/// <summary>Section, tag, author and date-archive pages.</summary>
public static class ListingsSetup
{
    public static WebApplicationBuilder AddListings(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ListingReader>();
        return builder;
    }
}

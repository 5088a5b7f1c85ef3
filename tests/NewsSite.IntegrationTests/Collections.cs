using NewsSite.TestSupport;

namespace NewsSite.IntegrationTests;

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<NewsSiteFactory>
{
    public const string Name = "site";
}

[CollectionDefinition(Name)]
public sealed class NewsroomCollection : ICollectionFixture<NewsroomFactory>
{
    public const string Name = "newsroom";
}

[CollectionDefinition(Name)]
public sealed class NewsletterCollection : ICollectionFixture<NewsletterFactory>
{
    public const string Name = "newsletter";
}

namespace NewsSite.IntegrationTests.Newsroom;

/// <summary>The fields of the article editor's form, as a browser would post them.</summary>
public static class ArticleFields
{
    public static Dictionary<string, string> For(int? id, int version, string title, int sectionId, string body = "A first paragraph.\n\nA second one.", string standfirst = "What happened, in a sentence.", string? slug = null, string? publishAt = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Title"] = title,
            ["Standfirst"] = standfirst,
            ["SectionId"] = sectionId.ToString(),
            ["BodyMarkdown"] = body,
            ["Tags"] = "",
            ["Version"] = version.ToString(),
        };
        if (id is not null)
        {
            fields["Id"] = id.Value.ToString();
        }
        if (slug is not null)
        {
            fields["Slug"] = slug;
        }
        if (publishAt is not null)
        {
            fields["PublishAt"] = publishAt;
        }
        return fields;
    }
}

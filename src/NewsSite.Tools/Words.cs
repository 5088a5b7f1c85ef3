using System.Text;

namespace NewsSite.Tools;

/// <summary>Plausible newspaper English from small word lists: enough variety for realistic search and page sizes.</summary>
internal static class Words
{
    public static readonly string[] Nouns =
    [
        "council", "harbour", "ferry", "school", "hospital", "budget", "housing", "transport", "bridge", "tunnel", "river", "market",
        "library", "festival", "election", "court", "police", "station", "factory", "port", "airport", "museum", "theatre", "stadium",
        "club", "coach", "player", "season", "league", "team", "research", "university", "climate", "energy", "water", "flood",
        "storm", "weather", "garden", "park", "beach", "coast", "island", "village", "city", "district", "street", "road", "railway",
        "tram", "bus", "cycle", "health", "doctor", "nurse", "patient", "teacher", "student", "family", "worker", "union", "company",
        "shop", "price", "wage", "rent", "tax", "plan", "report", "survey", "study", "scheme", "project", "fund", "charity", "museum",
        "exhibition", "concert", "album", "novel", "film", "chef", "restaurant", "bakery", "farm", "harvest", "fishing", "boat",
        "lifeboat", "lighthouse", "estuary", "seagrass", "wildlife", "bird", "seal", "forest", "tree", "pollution", "noise", "traffic",
    ];

    public static readonly string[] Adjectives =
    [
        "new", "old", "local", "national", "public", "private", "major", "small", "large", "early", "late", "first", "last", "final",
        "historic", "modern", "quiet", "busy", "green", "coastal", "northern", "southern", "eastern", "western", "annual", "record",
        "rising", "falling", "strong", "weak", "cheap", "expensive", "free", "safe", "dangerous", "popular", "controversial", "young",
    ];

    public static readonly string[] Verbs =
    [
        "opens", "closes", "wins", "loses", "plans", "approves", "rejects", "warns", "reveals", "celebrates", "faces", "calls for",
        "backs", "blocks", "delays", "launches", "cuts", "raises", "saves", "rebuilds", "restores", "returns to", "signs", "names",
    ];

    private static readonly string[] Fillers =
    [
        "said", "according to", "after", "before", "while", "because", "although", "since", "during", "across", "around", "between",
        "the", "a", "its", "their", "this", "that", "more", "less", "than", "about", "over", "under", "with", "without", "for", "from",
        "and", "but", "or", "which", "who", "when", "where", "how", "many", "some", "most", "every", "each", "other", "next", "last",
        "year", "month", "week", "morning", "evening", "people", "residents", "officials", "councillors", "experts", "visitors",
    ];

    public static readonly string[] FirstNames = ["maya", "tomas", "priya", "ellis", "ruth", "dev", "sana", "kofi", "helen", "amara", "lena", "anil", "nadia", "carla", "joe", "rosa", "ben", "edna", "tom", "janet", "fiona", "zainab", "graham", "oliver"];
    public static readonly string[] LastNames = ["okafor", "lindqvist", "raman", "carter", "adebayo", "patel", "qureshi", "mensah", "marsh", "nwosu", "fischer", "mehta", "bell", "dunne", "ferris", "mendes", "hartley", "price", "asante", "obi", "grant", "hollis", "whitlow", "brandt"];

    public static string Pick(Random random, string[] words) => words[random.Next(words.Length)];

    public static string Headline(Random random)
    {
        var text = $"{Capital(Pick(random, Adjectives))} {Pick(random, Nouns)} {Pick(random, Verbs)} {Pick(random, Adjectives)} {Pick(random, Nouns)} {Pick(random, ["plan", "scheme", "deal", "row", "bid", "review"])}";
        return random.NextDouble() < 0.3 ? $"{text} in {Capital(Pick(random, Nouns))} {Pick(random, ["Street", "Road", "Quay", "Park"])}" : text;
    }

    public static string Sentence(Random random, int minWords, int maxWords)
    {
        var count = random.Next(minWords, maxWords + 1);
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var word = (i % 3) switch
            {
                0 => Pick(random, Fillers),
                1 => Pick(random, Nouns),
                _ => random.NextDouble() < 0.5 ? Pick(random, Adjectives) : Pick(random, Fillers),
            };
            builder.Append(i == 0 ? Capital(word) : word).Append(i == count - 1 ? "." : random.NextDouble() < 0.08 ? ", " : " ");
        }
        return builder.ToString();
    }

    /// <summary>A Markdown body of 2-8 KB: paragraphs, some subheadings, now and then a quotation or a list.</summary>
    public static string Body(Random random)
    {
        var target = random.Next(2_000, 8_000);
        var builder = new StringBuilder(target + 500);
        for (var paragraph = 0; builder.Length < target; paragraph++)
        {
            if (paragraph > 0 && paragraph % 4 == 0)
            {
                builder.Append("## ").Append(Capital(Pick(random, Adjectives))).Append(' ').Append(Pick(random, Nouns)).Append("\n\n");
            }
            var roll = random.NextDouble();
            if (roll < 0.06)
            {
                builder.Append("> \"").Append(Sentence(random, 10, 20)).Append("\"\n\n");
            }
            else if (roll < 0.1)
            {
                for (var item = 0; item < 3; item++)
                {
                    builder.Append("- ").Append(Sentence(random, 5, 10)).Append('\n');
                }
                builder.Append('\n');
            }
            else
            {
                for (var sentence = random.Next(3, 6); sentence > 0; sentence--)
                {
                    builder.Append(Sentence(random, 12, 25)).Append(' ');
                }
                builder.Length--;
                builder.Append("\n\n");
            }
        }
        return builder.ToString();
    }

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}

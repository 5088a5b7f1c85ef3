using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsSite.Data;
using NewsSite.Web.Features.Newsletter;
using NewsSite.Web.Features.Newsletter.Signup;
using NewsSite.Web.Infrastructure;
using NewsSite.Web.Infrastructure.Content;

namespace NewsSite.Tools;

public sealed record GeneratorOptions(int Articles, int Subscribers, string DatabasePath, int Seed);

/// <summary>
/// Builds a real-sized newspaper database. The schema comes from the real migrations; rows go in through prepared
/// statements in large transactions (EF's change tracker would take hours for this), and article bodies go through
/// the real Markdown renderer and sanitiser, in parallel, so search and pages see exactly what the newsroom makes.
/// </summary>
public sealed class DataSetGenerator(GeneratorOptions options, TextWriter log)
{
    private const int Batch = 2_000;
    private static readonly string[] SectionNames = ["City", "Politics", "Business", "Science", "Culture", "Sport", "World", "Opinion"];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        Directory.CreateDirectory(Path.GetDirectoryName(options.DatabasePath)!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = options.DatabasePath, Pooling = false }.ToString();

        await using (var db = new NewsDbContext(new DbContextOptionsBuilder<NewsDbContext>()
            .UseSqlite(connectionString, o => o.MigrationsAssembly(NewsSite.Web.Infrastructure.Database.Sqlite.SqliteSetup.MigrationsAssembly)).Options))
        {
            await db.Database.MigrateAsync(cancellationToken);
            if (await db.Articles.AnyAsync(cancellationToken))
            {
                throw new InvalidOperationException($"{options.DatabasePath} already has articles; give a new path.");
            }
        }
        log.WriteLine($"Schema ready in {total.Elapsed.TotalSeconds:0.0} s: {options.DatabasePath}");

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -200000;");

        var random = new Random(options.Seed);
        var now = DateTime.UtcNow;
        await InsertTaxonomyAsync(connection, random, now);
        await InsertArticlesAsync(connection, now, cancellationToken);
        await InsertSubscribersAsync(connection, random, now, cancellationToken);

        await Execute(connection, "PRAGMA synchronous = NORMAL; ANALYZE; PRAGMA optimize;");
        log.WriteLine($"Done in {total.Elapsed.TotalSeconds:0.0} s: {options.Articles:N0} articles, {options.Subscribers:N0} subscribers, {new FileInfo(options.DatabasePath).Length / 1024 / 1024:N0} MB.");
    }

    private int tagCount;
    private int authorCount;

    private async Task InsertTaxonomyAsync(SqliteConnection connection, Random random, DateTime now)
    {
        await using var transaction = connection.BeginTransaction();
        for (var i = 0; i < SectionNames.Length; i++)
        {
            await Insert(connection, transaction, "INSERT INTO Sections (Name, Slug, Description, Position) VALUES ($a, $b, $c, $d)",
                SectionNames[i], SectionNames[i].ToLowerInvariant(), $"News and analysis: {SectionNames[i]}.", i);
        }
        var tagNames = Words.Nouns.SelectMany(n => new[] { Capital(n), $"{Capital(Words.Pick(random, Words.Adjectives))} {n}" }).Distinct().Take(300).ToList();
        foreach (var tag in tagNames)
        {
            await Insert(connection, transaction, "INSERT OR IGNORE INTO Tags (Name, Slug) VALUES ($a, $b)", tag, NewsSite.Web.Infrastructure.Content.Text.Slugify(tag));
        }
        tagCount = tagNames.Count;
        for (var i = 0; i < 60; i++)
        {
            var name = $"{Capital(Words.Pick(random, Words.FirstNames))} {Capital(Words.Pick(random, Words.LastNames))}";
            await Insert(connection, transaction, "INSERT INTO Authors (Name, Slug, Bio, PhotoUrl) VALUES ($a, $b, $c, $d)",
                name, $"{NewsSite.Web.Infrastructure.Content.Text.Slugify(name)}-{i + 1}", $"{name} reports for the paper.", $"/images/sample/author-{i % 4 + 1}.svg");
        }
        authorCount = 60;
        await Execute(connection, "INSERT INTO AdSlots (Placement, Html, IsEnabled, UpdatedAt) VALUES ('article-inline', '<a class=\"house-ad\" href=\"/newsletter\"><strong>Morning Briefing</strong></a>', 1, '" + Sql(now) + "')", transaction);
        transaction.Commit();
    }

    private async Task InsertArticlesAsync(SqliteConnection connection, DateTime now, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var images = new[] { "harbour", "chamber", "containers", "seagrass", "depot", "stadium", "skyline", "chart", "waves", "lighthouse", "beach", "rain" };
        var renderers = new ThreadLocal<ArticleBodyRenderer>(() => new ArticleBodyRenderer());
        var fifteenYears = TimeSpan.FromDays(365.25 * 15);

        for (var start = 0; start < options.Articles; start += Batch)
        {
            var count = Math.Min(Batch, options.Articles - start);
            // Each article's randomness comes from its own number, so the set is the same whatever the batching.
            var articles = new GeneratedArticle[count];
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                var number = start + i + 1;
                var random = new Random(HashCode.Combine(options.Seed, number));
                var title = Words.Headline(random);
                var markdown = Words.Body(random);
                var body = renderers.Value!.Render(markdown);
                var published = now - fifteenYears * random.NextDouble() - TimeSpan.FromMinutes(5);
                articles[i] = new GeneratedArticle(number, title, $"{NewsSite.Web.Infrastructure.Content.Text.Slugify(title)}-{number}", Words.Sentence(random, 18, 30),
                    markdown, body, random.Next(SectionNames.Length) + 1, published, images[random.Next(images.Length)],
                    random.NextDouble() < 0.05, Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(tagCount) + 1).Distinct().ToArray(),
                    Enumerable.Range(0, random.Next(1, 3)).Select(_ => random.Next(authorCount) + 1).Distinct().ToArray());
            });

            await using var transaction = connection.BeginTransaction();
            await using var article = Prepare(connection, transaction, """
                INSERT INTO Articles (Id, Title, Slug, Standfirst, BodyMarkdown, BodyHtml, BodyText, ReadingTimeMinutes, HeroImageUrl, HeroImageAlt,
                    HeroImageCaption, HeroImageCredit, HeroImageWidth, HeroImageHeight, SectionId, Status, PublishedAt, CreatedAt, UpdatedAt, IsFeatured,
                    NoAds, Version, WentLiveAt, WorkType, ParagraphEnds)
                VALUES ($id, $title, $slug, $standfirst, $md, $html, $text, $reading, $image, $alt, NULL, 'Illustration: NewsSite', 1200, 675,
                    $section, 2, $published, $published, $published, $featured, 0, 1, $published, 0, $ends)
                """, "$id", "$title", "$slug", "$standfirst", "$md", "$html", "$text", "$reading", "$image", "$alt", "$section", "$published", "$featured", "$ends");
            await using var tag = Prepare(connection, transaction, "INSERT INTO ArticleTags (ArticleId, TagId) VALUES ($a, $t)", "$a", "$t");
            await using var author = Prepare(connection, transaction, "INSERT INTO ArticleAuthors (ArticleId, AuthorId, Position) VALUES ($a, $u, $p)", "$a", "$u", "$p");
            foreach (var a in articles)
            {
                Set(article, a.Id, a.Title, a.Slug, a.Standfirst, a.Markdown, a.Body.Html, a.Body.Text, a.Body.ReadingTimeMinutes,
                    $"/images/sample/{a.Image}.svg", $"Illustration for: {a.Title}", a.SectionId, Sql(a.PublishedAt), a.Featured ? 1 : 0, a.Body.ParagraphEnds);
                await article.ExecuteNonQueryAsync(cancellationToken);
                foreach (var tagId in a.TagIds)
                {
                    Set(tag, a.Id, tagId);
                    await tag.ExecuteNonQueryAsync(cancellationToken);
                }
                for (var p = 0; p < a.AuthorIds.Length; p++)
                {
                    Set(author, a.Id, a.AuthorIds[p], p);
                    await author.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            transaction.Commit();
            var done = start + count;
            log.WriteLine($"Articles: {done:N0} / {options.Articles:N0} ({done / watch.Elapsed.TotalSeconds:N0}/s)");
        }
    }

    private async Task InsertSubscribersAsync(SqliteConnection connection, Random random, DateTime now, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < options.Subscribers; start += Batch * 10)
        {
            var count = Math.Min(Batch * 10, options.Subscribers - start);
            await using var transaction = connection.BeginTransaction();
            await using var insert = Prepare(connection, transaction, """
                INSERT INTO Subscribers (Email, Name, Status, CreatedAt, ConfirmedAt, UnsubscribeToken, ConsentAt, ConsentSource, ConsentText, Origin)
                VALUES ($email, NULL, 1, $at, $at, $token, $at, '/newsletter', $consent, 'signup')
                """, "$email", "$at", "$token", "$consent");
            for (var i = 0; i < count; i++)
            {
                var at = Sql(now - TimeSpan.FromDays(random.NextDouble() * 3000));
                Set(insert, $"reader{start + i + 1}@example.org", at, NewsletterTokens.New(), NewsletterConsent.Text);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            // Every generated reader takes the first newsletter, as the migration gives everyone subscribed before.
            await using (var subscribe = Prepare(connection, transaction, """
                INSERT INTO NewsletterSubscriptions (SubscriberId, NewsletterId, CreatedAt)
                SELECT Id, 1, CreatedAt FROM Subscribers WHERE Id NOT IN (SELECT SubscriberId FROM NewsletterSubscriptions)
                """))
            {
                await subscribe.ExecuteNonQueryAsync(cancellationToken);
            }
            transaction.Commit();
            log.WriteLine($"Subscribers: {start + count:N0} / {options.Subscribers:N0} ({(start + count) / watch.Elapsed.TotalSeconds:N0}/s)");
        }
    }

    private sealed record GeneratedArticle(int Id, string Title, string Slug, string Standfirst, string Markdown, RenderedBody Body, int SectionId,
        DateTime PublishedAt, string Image, bool Featured, int[] TagIds, int[] AuthorIds);

    // The text form EF Core uses for DateTime on SQLite, so generated rows compare and sort like the site's own.
    private static string Sql(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }
        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static async Task Insert(SqliteConnection connection, SqliteTransaction transaction, string sql, params object[] values)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var names = new[] { "$a", "$b", "$c", "$d" };
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue(names[i], values[i]);
        }
        await command.ExecuteNonQueryAsync();
    }

    private static async Task Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

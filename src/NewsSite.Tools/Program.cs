using System.Globalization;
using NewsSite.Tools;

// dotnet run --project src/NewsSite.Tools -- generate --articles 100000 --subscribers 200000 --db path/news.db
if (args is ["fanout", "--db", var fanOutDatabase, ..])
{
    int? smtpPort = args is [_, _, _, "--smtp-port", var port] ? int.Parse(port, CultureInfo.InvariantCulture) : null;
    return await FanOutBenchmark.RunAsync(Path.GetFullPath(fanOutDatabase), Console.Out, smtpPort);
}
if (args is ["workload", var siteAddress, ..])
{
    var workload = new WorkloadOptions(new Uri(siteAddress), Option("--seconds", 60), Option("--connections", 32),
        Environment.GetEnvironmentVariable("WORKLOAD_EMAIL") ?? "", Environment.GetEnvironmentVariable("WORKLOAD_PASSWORD") ?? "");
    return await new NewsroomWorkload(workload, Console.Out).RunAsync(CancellationToken.None);
}
if (args.Length == 0 || args[0] is "-h" or "--help" || args[0] != "generate")
{
    Console.WriteLine("""
        Usage: NewsSite.Tools generate [--articles N] [--subscribers N] [--db PATH] [--seed N]
               NewsSite.Tools fanout --db PATH [--smtp-port PORT]
               NewsSite.Tools workload SITE-URL [--seconds N] [--connections N]   (WORKLOAD_EMAIL, WORKLOAD_PASSWORD: an editor's sign-in)

        Fills a new SQLite database (built by the real migrations) with generated content: published articles over
        15 years across sections, tags and authors, with 2-8 KB Markdown bodies rendered and indexed for search, and
        confirmed newsletter subscribers. Refuses to touch a database that already has articles.
        Defaults: --articles 100000 --subscribers 200000 --db bench/data/news.db --seed 42

        fanout sends one newsletter to every confirmed subscriber of the database through the site's outbox to an
        SMTP sink on loopback, and prints the time to enqueue, messages per second and peak working set.

        workload runs a newsroom's traffic against a running site for --seconds (default 60) over --connections
        (default 32): readers on a Zipf curve over the archive, a crawler, and an editor updating a story every 30 s
        and publishing one every 2 minutes. It prints one WORKLOAD line of JSON: the share of readers' requests
        answered from the page cache, requests per second, p50/p99 and the worst staleness seen (bench/README.md).
        """);
    return args.Length == 0 || args[0] is "-h" or "--help" ? 0 : 2;
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
string Text(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

var options = new GeneratorOptions(
    Articles: Option("--articles", 100_000),
    Subscribers: Option("--subscribers", 200_000),
    DatabasePath: Path.GetFullPath(Text("--db", "bench/data/news.db")),
    Seed: Option("--seed", 42));
try
{
    await new DataSetGenerator(options, Console.Out).RunAsync(CancellationToken.None);
    return 0;
}
catch (InvalidOperationException refused)
{
    Console.Error.WriteLine(refused.Message);
    return 1;
}

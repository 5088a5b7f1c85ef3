using System.Diagnostics;
using System.Net;
using NewsSite.TestSupport;

namespace NewsSite.ClusterTests;

/// <summary>
/// Three real node processes of the site (its own build output, `dotnet NewsSite.Web.dll`) behind a real nginx
/// (round robin, deploy/nginx/newssite-proxy.conf, the file docker-compose uses), sharing one PostgreSQL database, one Redis, one
/// media folder and one SMTP server, after one `migrate` run, as the README's "Running more than one node" says.
/// </summary>
public sealed class Cluster : IAsyncLifetime
{
    public const string AdminEmail = "chief@cluster.test";
    public const string AdminPassword = "the cluster administrator's password";
    private const string Nginx = "/usr/sbin/nginx";

    private readonly string root = Path.Combine(Path.GetTempPath(), "newssite-tests", $"cluster-{Guid.NewGuid():n}");
    private readonly List<Node> nodes = [];
    private Process? nginx;
    private ClusterDatabase? database;
    private Dictionary<string, string> shared = [];

    public TestSmtpServer Smtp { get; } = new();

    /// <summary>nginx's address: what a reader uses.</summary>
    public Uri Front { get; private set; } = null!;

    public IReadOnlyList<Node> Nodes => nodes;

    public string MediaDirectory => Path.Combine(root, "media");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Nginx))
        {
            TestServers.Unavailable($"{Nginx} is missing: apt-get install -y --no-install-recommends nginx");
        }
        var redis = TestServers.Redis();
        database = ClusterDatabase.Create();
        await Smtp.StartAsync();
        Directory.CreateDirectory(MediaDirectory);
        var frontPort = TestServers.FreePort();
        Front = new Uri($"http://127.0.0.1:{frontPort}");
        shared = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Site__BaseUrl"] = Front.ToString().TrimEnd('/'),
            ["Database__MigrateOnStartup"] = "false",
            ["Storage__MediaDirectory"] = MediaDirectory,
            ["ConnectionStrings__Redis"] = redis,
            ["Redis__InstanceName"] = TestServers.RedisInstance(),
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = Smtp.Port.ToString(),
            ["Smtp__Security"] = "None",
            // Small batches, so a newsletter's hundreds of messages are shared out between the nodes' senders.
            ["Outbox__PollSeconds"] = "0.2",
            ["Outbox__BatchSize"] = "20",
            // A killed node's claimed batch is due again after this long (5 minutes by default).
            ["Outbox__ClaimLeaseSeconds"] = "5",
            ["Newsletter__MaxPerSecond"] = "0",
            ["Publishing__CheckSeconds"] = "0.2",
            ["Admin__Email"] = AdminEmail,
            ["Admin__Password"] = AdminPassword,
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
            // Plain http on loopback: cookies cannot be Secure here.
            ["Security__CookieSecurePolicy"] = "SameAsRequest",
            ["Serilog__MinimumLevel__Default"] = "Information",
            ["Serilog__MinimumLevel__Override__Microsoft"] = "Warning",
        };
        foreach (var (key, value) in database.Settings)
        {
            shared[key] = value;
        }

        var migrate = await RunToEndAsync(Path.Combine(root, "migrate"), "migrate");
        Assert.True(migrate.ExitCode == 0, "dotnet NewsSite.Web.dll migrate failed:\n" + migrate.Output);

        // One after another: three cold starts at once on a busy two-core CI machine took over a minute.
        for (var i = 1; i <= 3; i++)
        {
            var node = Node.Start($"node{i}", Path.Combine(root, $"node{i}"), shared);
            nodes.Add(node);
            await node.WaitUntilHealthyAsync();
        }
        await StartNginxAsync(frontPort);
    }

    /// <summary>A browser-like client: keeps cookies (for 127.0.0.1, so they go to nginx and to each node alike), no redirects followed.</summary>
    public static ClusterClient Client(Uri baseAddress) => new(baseAddress);

    public ClusterClient ThroughNginx() => Client(Front);

    private async Task StartNginxAsync(int port)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "nginx")).FullName;
        var proxy = Path.Combine(RepositoryRoot(), "deploy", "nginx", "newssite-proxy.conf");
        var upstream = string.Join("\n", nodes.Select(n => $"        server 127.0.0.1:{n.Port};"));
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                upstream newssite {
            {{upstream}}
                    keepalive 16;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    include {{proxy}};
                }
            }
            """);
        nginx = Process.Start(new ProcessStartInfo(Nginx, $"-c {config} -p {folder}") { RedirectStandardError = true, RedirectStandardOutput = true })!;
        using var probe = new HttpClient();
        await Poll.UntilAsync(async () =>
        {
            Assert.False(nginx.HasExited, "nginx stopped: " + await nginx.StandardError.ReadToEndAsync());
            try
            {
                return (await probe.GetAsync(new Uri(Front, "/healthz"))).StatusCode == HttpStatusCode.OK ? "up" : null;
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }, TimeSpan.FromSeconds(10), "nginx to answer");
    }

    private async Task<(int ExitCode, string Output)> RunToEndAsync(string dataDirectory, string arguments)
    {
        using var process = Node.StartProcess(dataDirectory, shared, arguments, extra: []);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await errors);
    }

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "NewsSite.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("NewsSite.sln not found above " + AppContext.BaseDirectory);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in nodes)
        {
            node.Dispose();
        }
        if (nginx is { HasExited: false })
        {
            nginx.Kill(entireProcessTree: true); // its workers too: killed alone, the master leaves them running
            await nginx.WaitForExitAsync();
        }
        nginx?.Dispose();
        await Smtp.DisposeAsync();
        database?.Drop();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A node's last log line may still be closing; the temp folder is swept with the others.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<Cluster>
{
    public const string Name = "cluster";
}

using Microsoft.EntityFrameworkCore;

namespace NewsSite.Web.Infrastructure.Database.Postgres;

/// <summary>PostgreSQL's wiring: the provider seams and the connection.</summary>
public static class PostgresSetup
{
    public const string MigrationsAssembly = "NewsSite.Migrations.Postgres";

    public static IServiceCollection AddPostgresDatabase(this IServiceCollection services)
    {
        CompiledModel.BuildAhead(typeof(NewsSite.Data.CompiledModels.Postgres.NewsDbContextModel));
        services.AddSingleton<IDatabaseProvider, PostgresDatabase>();
        services.AddScoped<IFullTextSearch, PostgresFullTextSearch>();
        services.AddScoped<IBulkMailQueue, PostgresBulkMailQueue>();
        return services;
    }

    public static DbContextOptionsBuilder UseNewsPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, postgres => postgres.MigrationsAssembly(MigrationsAssembly))
            // Chosen by hand: EF would otherwise look for a compiled model by assembly attribute, and there is one per engine.
            .UseModel(NewsSite.Data.CompiledModels.Postgres.NewsDbContextModel.Instance);
}

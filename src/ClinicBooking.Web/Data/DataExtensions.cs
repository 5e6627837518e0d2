using ClinicBooking.Web.Data.Protection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ClinicBooking.Web.Data;

public static class DataExtensions
{
    /// <summary>
    /// Registers the <see cref="ClinicDbContext"/> on the engine <c>Database:Provider</c> names (SQLite by default,
    /// PostgreSQL for several instances on one database) and the /health check on it. On PostgreSQL the context is a
    /// <see cref="PostgreSql.PostgreSqlClinicDbContext"/> (its own migrations, the exclusion constraint, the Data
    /// Protection key table), still asked for as <see cref="ClinicDbContext"/> everywhere.
    /// </summary>
    public static WebApplicationBuilder AddClinicData(this WebApplicationBuilder builder)
    {
        // The engine decides which context type is registered, so it is read now; the connection string is read when
        // the container first needs it, so hosts (and tests) may still change it before then.
        var provider = ClinicDatabase.ProviderFrom(builder.Configuration);
        builder.Services.AddSingleton(sp => ClinicDatabase.FromConfiguration(sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        if (provider == DatabaseProvider.PostgreSql)
        {
            builder.Services.AddDbContext<ClinicDbContext, PostgreSql.PostgreSqlClinicDbContext>((sp, options) => options
                    .UseNpgsql(sp.GetRequiredService<ClinicDatabase>().ConnectionString)
                    .ReplaceService<IModelCacheKeyFactory, ProtectedModelCacheKeyFactory>(),
                contextLifetime: ServiceLifetime.Scoped, optionsLifetime: ServiceLifetime.Singleton);
            // Other instances may save the settings: each reloads them when the database says they changed. (On
            // SQLite there is one instance, which replaces its own copy when it saves.)
            builder.Services.AddHostedService<Infrastructure.ClinicSettingsRefresher>();
            // The Data Protection key ring's repository asks for the context by its own type.
            builder.Services.AddScoped(sp => (PostgreSql.PostgreSqlClinicDbContext)sp.GetRequiredService<ClinicDbContext>());
        }
        else
        {
            // The options are built once per host (a singleton), not on every request: the path is resolved and its
            // folder created once.
            builder.Services.AddDbContext<ClinicDbContext>((sp, options) => options
                    .UseSqlite(sp.GetRequiredService<ClinicDatabase>().ConnectionString)
                    .AddInterceptors(new SqliteConnectionInterceptor())
                    .ReplaceService<IModelCacheKeyFactory, ProtectedModelCacheKeyFactory>(),
                contextLifetime: ServiceLifetime.Scoped, optionsLifetime: ServiceLifetime.Singleton);
            builder.Services.AddHostedService<WalCheckpointer>();
        }

        builder.Services.AddClinicDataProtection(builder.Configuration, builder.Environment.ContentRootPath, provider);
        builder.Services.AddHealthChecks().AddDbContextCheck<ClinicDbContext>("database",
            tags: [Infrastructure.HealthTags.Database, Infrastructure.HealthTags.Ready]);
        builder.Services.AddOptions<SeedOptions>().Bind(builder.Configuration.GetSection(SeedOptions.Section));
        builder.Services.AddScoped<DbInitialiser>();
        return builder;
    }

    /// <summary>
    /// Makes a relative SQLite path absolute against the content root (so `dotnet run` from any folder uses the
    /// same file) and creates its folder.
    /// </summary>
    internal static string ResolveSqliteConnectionString(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is not ("" or ":memory:") && csb.Mode != SqliteOpenMode.Memory)
        {
            csb.DataSource = Path.GetFullPath(csb.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        }

        return csb.ToString();
    }

    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DbInitialiser>().InitialiseAsync();
    }
}

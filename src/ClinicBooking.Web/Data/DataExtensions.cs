using ClinicBooking.Web.Data.Protection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ClinicBooking.Web.Data;

public static class DataExtensions
{
    /// <summary>Registers the SQLite-backed <see cref="ClinicDbContext"/> and the /health check on it.</summary>
    public static WebApplicationBuilder AddClinicData(this WebApplicationBuilder builder)
    {
        // Configuration is read when the container first builds a context, so hosts (and tests) may still change it
        // before then. The options are built once per host (a singleton), not on every request: the path is resolved
        // and its folder created once.
        builder.Services.AddDbContext<ClinicDbContext>((sp, options) => options
                .UseSqlite(ResolveSqliteConnectionString(
                    sp.GetRequiredService<IConfiguration>().GetConnectionString("Clinic") ?? "Data Source=App_Data/clinic.db",
                    sp.GetRequiredService<IHostEnvironment>().ContentRootPath))
                .AddInterceptors(new SqliteConnectionInterceptor())
                .ReplaceService<IModelCacheKeyFactory, ProtectedModelCacheKeyFactory>(),
            contextLifetime: ServiceLifetime.Scoped, optionsLifetime: ServiceLifetime.Singleton);
        builder.Services.AddClinicDataProtection(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddHealthChecks().AddDbContextCheck<ClinicDbContext>("database",
            tags: [Infrastructure.HealthTags.Database, Infrastructure.HealthTags.Ready]);
        builder.Services.AddOptions<SeedOptions>().Bind(builder.Configuration.GetSection(SeedOptions.Section));
        builder.Services.AddScoped<DbInitialiser>();
        builder.Services.AddHostedService<WalCheckpointer>();
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

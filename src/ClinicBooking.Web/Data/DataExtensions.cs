using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Data;

public static class DataExtensions
{
    /// <summary>Registers the SQLite-backed <see cref="ClinicDbContext"/> and the /health check on it.</summary>
    public static WebApplicationBuilder AddClinicData(this WebApplicationBuilder builder)
    {
        var connectionString = ResolveSqliteConnectionString(
            builder.Configuration.GetConnectionString("Clinic") ?? "Data Source=App_Data/clinic.db",
            builder.Environment.ContentRootPath);

        builder.Services.AddDbContext<ClinicDbContext>(options => options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqliteConnectionInterceptor()));
        builder.Services.AddHealthChecks().AddDbContextCheck<ClinicDbContext>("database");
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

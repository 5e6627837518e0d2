using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ClinicBooking.Web.Data;

/// <summary>Which engine holds the clinic's data: configuration <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>One SQLite file beside the app (the default): one instance on one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by any number of instances (docs/operations.md).</summary>
    PostgreSql,
}

/// <summary>
/// The clinic database as configured: its engine and connection string, read once per host. The few places that talk
/// to the database below EF (the availability stamps on every request, the WAL checkpoint, the backup) open their
/// connections here, so none of them names an engine the host is not using.
/// </summary>
public sealed class ClinicDatabase
{
    public const string ProviderKey = "Database:Provider";

    public ClinicDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public bool IsPostgreSql => Provider == DatabaseProvider.PostgreSql;

    /// <summary>A new (pooled) connection, not yet open.</summary>
    public DbConnection CreateConnection() => IsPostgreSql ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);

    /// <summary>
    /// Reads <c>Database:Provider</c> (Sqlite when unset) and <c>ConnectionStrings:Clinic</c>. SQLite's relative path is
    /// made absolute against the content root; PostgreSQL needs a connection string, and a start without one stops
    /// with a message that names the key.
    /// </summary>
    public static ClinicDatabase FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var provider = ProviderFrom(configuration);
        var connectionString = configuration.GetConnectionString("Clinic");
        if (provider == DatabaseProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(connectionString) || connectionString.Contains("Data Source", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    "Database:Provider is PostgreSql, so ConnectionStrings:Clinic must be a PostgreSQL connection string " +
                    "(Host=...;Database=...;Username=...;Password=...). See README, \"Running on PostgreSQL\".");
            }

            return new ClinicDatabase(provider, connectionString);
        }

        return new ClinicDatabase(provider, DataExtensions.ResolveSqliteConnectionString(connectionString ?? "Data Source=App_Data/clinic.db", contentRoot));
    }

    public static DatabaseProvider ProviderFrom(IConfiguration configuration) => configuration[ProviderKey] switch
    {
        null or "" => DatabaseProvider.Sqlite,
        var name when name.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
        var name when name.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase) || name.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
            => DatabaseProvider.PostgreSql,
        var name => throw new InvalidOperationException($"Database:Provider is \"{name}\"; it must be Sqlite or PostgreSql."),
    };

    /// <summary>
    /// Hangfire's PostgreSQL database: <c>ConnectionStrings:Hangfire</c>, or the clinic's own (Hangfire keeps its tables
    /// in its own schema, "hangfire").
    /// </summary>
    public string HangfireConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Hangfire") is { Length: > 0 } hangfire ? hangfire : ConnectionString;
}

using Npgsql;

namespace ClinicBooking.IntegrationTests.Kit;

/// <summary>
/// The throwaway PostgreSQL cluster scripts/test.sh starts (scripts/postgres.sh): <c>CLINIC_TEST_POSTGRES</c> is a
/// connection string to its superuser. Each test gets a new, empty database of its own.
/// </summary>
public static class PostgresKit
{
    public static string Server => Environment.GetEnvironmentVariable("CLINIC_TEST_POSTGRES") is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException(
            "CLINIC_TEST_POSTGRES is not set. Run the tests with scripts/test.sh, which starts a throwaway PostgreSQL cluster, " +
            "or start one first: source scripts/postgres.sh && postgres_start");

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public static string NewDatabase(string prefix = "clinic")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(Server))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ToString();
    }

    /// <summary>Drops a database made by <see cref="NewDatabase"/> (its open connections are ended first).</summary>
    public static void DropDatabase(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    /// <summary>One value from the database, read below the app (as an operator with psql would).</summary>
    public static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>The directory of PostgreSQL's programs (pg_dump, pg_restore), from scripts/postgres.sh.</summary>
    public static string Bin => Environment.GetEnvironmentVariable("CLINIC_TEST_POSTGRES_BIN") is { Length: > 0 } bin
        ? bin
        : Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderBy(d => d, StringComparer.Ordinal).Last();
}

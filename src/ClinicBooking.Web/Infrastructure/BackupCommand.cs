using ClinicBooking.Web.Data;
using ClinicBooking.Web.Data.Protection;
using Microsoft.Data.Sqlite;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// <c>dotnet run --project src/ClinicBooking.Web -- backup &lt;dir&gt;</c>: consistent copies of the clinic and Hangfire
/// databases, taken with <c>VACUUM INTO</c> while the app may keep serving (each copy is one read transaction, so
/// it holds every commit before it started and none after), plus the Data Protection key ring, without which the
/// encrypted intake answers in the copy cannot be read. On PostgreSQL (<c>Database:Provider</c>) it runs
/// <c>pg_dump --format=custom</c> instead: one consistent snapshot of the clinic database, Hangfire's schema and the
/// Data Protection key ring (a table there) together. The web server is not started.
/// </summary>
public static class BackupCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Refused = 2;

    public const string ClinicFile = "clinic.db";
    public const string HangfireFile = "hangfire.db";
    public const string KeysFolder = "keys";
    public const string ClinicDump = "clinic.dump";
    public const string HangfireDump = "hangfire.dump";

    public static bool IsRequested(string[] args) => args is ["backup", ..];

    /// <summary>From the command line: reads configuration exactly as the app does (appsettings, environment, user secrets).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["backup", var target, ..] || string.IsNullOrWhiteSpace(target) || target.StartsWith('-'))
        {
            await Console.Error.WriteLineAsync("Usage: dotnet run --project src/ClinicBooking.Web -- backup <directory>");
            return Refused;
        }

        var builder = WebApplication.CreateBuilder(args[2..]);
        return await RunAsync(target, builder.Configuration, builder.Environment.ContentRootPath, Console.Out, Console.Error);
    }

    public static async Task<int> RunAsync(string target, IConfiguration configuration, string contentRoot,
        TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (ClinicDatabase.ProviderFrom(configuration) == DatabaseProvider.PostgreSql)
        {
            return await PgDumpAsync(target, ClinicDatabase.FromConfiguration(configuration, contentRoot), configuration, output, error, cancellationToken);
        }

        var clinic = new SqliteConnectionStringBuilder(DataExtensions.ResolveSqliteConnectionString(
            configuration.GetConnectionString("Clinic") ?? "Data Source=App_Data/clinic.db", contentRoot)).DataSource;
        var hangfire = Path.GetFullPath(configuration[$"{HangfireSettings.Section}:Database"] ?? new HangfireSettings().Database, contentRoot);
        var keys = HealthDataProtection.KeysPath(configuration, contentRoot);

        target = Path.GetFullPath(target);
        var copies = new[] { ClinicFile, HangfireFile, KeysFolder }.Select(name => Path.Combine(target, name)).ToArray();
        if (copies.FirstOrDefault(p => File.Exists(p) || Directory.Exists(p)) is { } existing)
        {
            await error.WriteLineAsync($"Refusing to overwrite {existing}: back up into a new or empty directory.");
            return Refused;
        }

        if (!File.Exists(clinic))
        {
            await error.WriteLineAsync($"There is no clinic database at {clinic}: check ConnectionStrings:Clinic.");
            return Failed;
        }

        Directory.CreateDirectory(target);
        await VacuumIntoAsync(clinic, copies[0], cancellationToken);
        await output.WriteLineAsync($"Clinic database -> {copies[0]}");
        if (File.Exists(hangfire))
        {
            await VacuumIntoAsync(hangfire, copies[1], cancellationToken);
            await output.WriteLineAsync($"Hangfire database -> {copies[1]}");
        }

        // After the databases: a key created meanwhile is then in the copy too, never missing from it.
        if (Directory.Exists(keys))
        {
            Directory.CreateDirectory(copies[2]);
            foreach (var file in Directory.GetFiles(keys))
            {
                File.Copy(file, Path.Combine(copies[2], Path.GetFileName(file)));
            }

            await output.WriteLineAsync($"Data Protection keys -> {copies[2]}");
        }
        else
        {
            await error.WriteLineAsync($"Warning: no key ring at {keys}; encrypted intake answers in this backup cannot be read without it.");
        }

        await output.WriteLineAsync("Backup complete. It holds health data: store it encrypted, readable by as few people as possible.");
        return Ok;
    }

    private static async Task VacuumIntoAsync(string source, string destination, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 60,
        }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The app writes at the same time: wait for its write lock rather than fail.
        command.CommandText = "PRAGMA busy_timeout = 30000; VACUUM INTO $destination;";
        command.Parameters.AddWithValue("$destination", destination);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// PostgreSQL: <c>pg_dump --format=custom</c> of the clinic database (with Hangfire's schema and the key ring when
    /// they live there), and of Hangfire's own database when <c>ConnectionStrings:Hangfire</c> names another one.
    /// <c>Database:PgDump</c> names the program (default <c>pg_dump</c> on the PATH; its major version must be at least
    /// the server's). Restore with <c>pg_restore --clean --if-exists --no-owner --dbname=... clinic.dump</c>
    /// (docs/operations.md).
    /// </summary>
    private static async Task<int> PgDumpAsync(string target, ClinicDatabase database, IConfiguration configuration,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        target = Path.GetFullPath(target);
        var dumps = new[] { ClinicDump, HangfireDump }.Select(name => Path.Combine(target, name)).ToArray();
        if (dumps.FirstOrDefault(File.Exists) is { } existing)
        {
            await error.WriteLineAsync($"Refusing to overwrite {existing}: back up into a new or empty directory.");
            return Refused;
        }

        Directory.CreateDirectory(target);
        var program = configuration["Database:PgDump"] is { Length: > 0 } configured ? configured : "pg_dump";
        if (await PgDumpOneAsync(program, database.ConnectionString, dumps[0], error, cancellationToken) is not Ok)
        {
            return Failed;
        }

        await output.WriteLineAsync($"Clinic database (with the Data Protection key ring) -> {dumps[0]}");
        var hangfire = database.HangfireConnectionString(configuration);
        if (!SameDatabase(hangfire, database.ConnectionString))
        {
            if (await PgDumpOneAsync(program, hangfire, dumps[1], error, cancellationToken) is not Ok)
            {
                return Failed;
            }

            await output.WriteLineAsync($"Hangfire database -> {dumps[1]}");
        }

        if (string.IsNullOrEmpty(configuration["DataProtection:CertificatePath"]))
        {
            await error.WriteLineAsync("Warning: the key ring in this dump is not encrypted (no DataProtection:CertificatePath); the dump alone can read every intake.");
        }
        else
        {
            await output.WriteLineAsync("The key ring in the dump is encrypted with DataProtection:CertificatePath: keep a copy of that certificate, apart from the dump.");
        }

        await output.WriteLineAsync("Backup complete. It holds health data: store it encrypted, readable by as few people as possible.");
        return Ok;
    }

    private static bool SameDatabase(string a, string b)
    {
        var x = new Npgsql.NpgsqlConnectionStringBuilder(a);
        var y = new Npgsql.NpgsqlConnectionStringBuilder(b);
        return string.Equals(x.Host, y.Host, StringComparison.OrdinalIgnoreCase) && x.Port == y.Port && x.Database == y.Database;
    }

    /// <summary>Runs pg_dump with the connection in libpq's environment variables (the password never on a command line).</summary>
    private static async Task<int> PgDumpOneAsync(string program, string connectionString, string file, TextWriter error, CancellationToken cancellationToken)
    {
        var csb = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var start = new System.Diagnostics.ProcessStartInfo(program, ["--format=custom", "--no-owner", $"--file={file}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PGHOST"] = csb.Host ?? "localhost";
        start.Environment["PGPORT"] = csb.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = csb.Database ?? csb.Username ?? "postgres";
        start.Environment["PGUSER"] = csb.Username ?? Environment.UserName;
        if (!string.IsNullOrEmpty(csb.Password))
        {
            start.Environment["PGPASSWORD"] = csb.Password;
        }

        try
        {
            using var process = System.Diagnostics.Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                await error.WriteLineAsync($"{program} failed ({process.ExitCode}): {(await stderr).Trim()}");
                return Failed;
            }

            return Ok;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            await error.WriteLineAsync($"Could not run {program} ({e.Message}): install PostgreSQL's client programs or set Database:PgDump.");
            return Failed;
        }
    }
}

using ClinicBooking.Web.Data;
using ClinicBooking.Web.Data.Protection;
using Microsoft.Data.Sqlite;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// <c>dotnet run --project src/ClinicBooking.Web -- backup &lt;dir&gt;</c>: consistent copies of the clinic and Hangfire
/// databases, taken with <c>VACUUM INTO</c> while the app may keep serving (each copy is one read transaction, so
/// it holds every commit before it started and none after), plus the Data Protection key ring, without which the
/// encrypted intake answers in the copy cannot be read. The web server is not started.
/// </summary>
public static class BackupCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Refused = 2;

    public const string ClinicFile = "clinic.db";
    public const string HangfireFile = "hangfire.db";
    public const string KeysFolder = "keys";

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
}

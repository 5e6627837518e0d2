using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ClinicBooking.Web.Data;

/// <summary>
/// Copies the write-ahead log back into the database file every second, off the request path. SQLite would
/// otherwise do it inside whichever commit crosses 1,000 pages of log, and that commit holds the write lock every
/// booking waits for while the database file is synced. Connections leave it to this service up to
/// <see cref="SqliteConnectionInterceptor"/>'s backstop (10,000 pages), so the log stays bounded if this stops.
/// </summary>
public sealed class WalCheckpointer(ClinicDatabase database, ILogger<WalCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = database.ConnectionString;
        if (string.IsNullOrEmpty(connectionString) || connectionString.Contains(":memory:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                await using var command = connection.CreateCommand();
                // PASSIVE: copies what it can without waiting for (or blocking) readers and writers.
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                await command.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SqliteException e)
            {
                logger.LogWarning(e, "A background checkpoint of the write-ahead log failed; the next one will try again.");
            }
        }
    }
}

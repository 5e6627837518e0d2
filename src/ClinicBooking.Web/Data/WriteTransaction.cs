using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Data;

public static class WriteTransaction
{
    // One gate per database file. SQLite's own lock (BEGIN IMMEDIATE) is what makes writers take turns, also across
    // processes, but a writer waiting for it blocks its thread inside the native busy handler: sixteen patients racing
    // for one time blocked sixteen pool threads, and the winner's own continuation then waited for the pool to grow.
    // Waiting here first is asynchronous, so in one process only the writer that holds the gate ever blocks.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="work"/> inside one SQLite <c>BEGIN IMMEDIATE</c> transaction: the write lock is taken
    /// before the first read, so a check ("is this time free?") and the write after it cannot interleave with a
    /// second request doing the same (a double-clicked submit, a race for one time). Commits when the work returns
    /// and <paramref name="commitWhen"/> (default: always) says so, otherwise rolls back; rolls back when it throws.
    /// Either way the transaction is detached from the context and the connection closed before this returns or
    /// throws, so the caller may query again at once (a rolled-back transaction left attached fails every later
    /// command with "not associated with the same connection").
    /// </summary>
    public static async Task<T> InWriteTransactionAsync<T>(this ClinicDbContext db, Func<Task<T>> work, Func<T, bool>? commitWhen = null)
    {
        var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            return await InTransactionAsync(db, work, commitWhen);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<T> InTransactionAsync<T>(ClinicDbContext db, Func<Task<T>> work, Func<T, bool>? commitWhen)
    {
        await db.Database.OpenConnectionAsync();
        // All or nothing: a failure rolls the whole transaction back, so the savepoint EF would wrap round each
        // SaveChanges (two more statements each, inside the write lock) buys nothing here.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using var transaction = connection.BeginTransaction(deferred: false);
            await db.Database.UseTransactionAsync(transaction);
            try
            {
                var result = await work();
                if (commitWhen?.Invoke(result) ?? true)
                {
                    await transaction.CommitAsync();
                }
                else
                {
                    await transaction.RollbackAsync();
                }

                return result;
            }
            catch
            {
                // SQLite may already have rolled back (a failed COMMIT); the transaction object then has no connection.
                if (transaction.Connection is not null)
                {
                    await transaction.RollbackAsync();
                }

                // Nothing of the failed work may be saved by a later SaveChanges on this context.
                db.ChangeTracker.Clear();
                throw;
            }
            finally
            {
                await db.Database.UseTransactionAsync(null);
            }
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Whether a failed save broke a unique index (the database's last guard against double booking), as opposed to
    /// any other failure (a foreign key, a check constraint, a full disk), which is a fault to report, not "taken".
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is SqliteException
        {
            SqliteErrorCode: 19, // SQLITE_CONSTRAINT
            SqliteExtendedErrorCode: 2067 or 1555, // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
        };
}

using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Data;

public static class WriteTransaction
{
    // One gate per database. The database's own lock (BEGIN IMMEDIATE, or PostgreSQL's advisory lock) is what makes
    // writers take turns, also across processes and instances, but a writer waiting for SQLite's blocks its thread
    // inside the native busy handler: sixteen patients racing for one time blocked sixteen pool threads, and the
    // winner's own continuation then waited for the pool to grow. Waiting here first is asynchronous, so in one
    // process only the writer that holds the gate ever waits on the database.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="work"/> inside one write transaction that takes the database's write turn before its first
    /// read, so a check ("is this time free?") and the write after it cannot interleave with a second request doing
    /// the same (a double-clicked submit, a race for one time), in this instance or any other on the same database:
    /// <list type="bullet">
    /// <item>SQLite: <c>BEGIN IMMEDIATE</c> (the file's one write lock, also across processes);</item>
    /// <item>PostgreSQL: a transaction-scoped advisory lock (<c>pg_advisory_xact_lock</c>) that every write
    /// transaction takes first, the same one-writer-at-a-time rule, held until commit or rollback. Each statement
    /// after it reads everything committed before (READ COMMITTED), so the check sees the last writer's rows.</item>
    /// </list>
    /// Commits when the work returns and <paramref name="commitWhen"/> (default: always) says so, otherwise rolls back;
    /// rolls back when it throws. Either way the transaction is detached from the context and the connection closed
    /// before this returns or throws, so the caller may query again at once (a rolled-back transaction left attached
    /// fails every later command with "not associated with the same connection").
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

    /// <summary>The advisory lock every write transaction on PostgreSQL takes first (any fixed number; "clinic").</summary>
    internal const long PostgreSqlWriteLock = 0x636c696e6963;

    private static async Task<System.Data.Common.DbTransaction> BeginAsync(ClinicDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        if (connection is SqliteConnection sqlite)
        {
            return sqlite.BeginTransaction(deferred: false);
        }

        var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({PostgreSqlWriteLock})";
        await command.ExecuteNonQueryAsync();
        return transaction;
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
            await using var transaction = await BeginAsync(db);
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
                // The engine may already have rolled back (a failed COMMIT); the transaction object then has no connection.
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
    /// Whether a failed save broke a unique index or, on PostgreSQL, the no-overlap exclusion constraint (the
    /// database's last guards against double booking), as opposed to any other failure (a foreign key, a check
    /// constraint, a full disk), which is a fault to report, not "taken".
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite is
        {
            SqliteErrorCode: 19, // SQLITE_CONSTRAINT
            SqliteExtendedErrorCode: 2067 or 1555, // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
        },
        Npgsql.PostgresException postgres => postgres.SqlState is Npgsql.PostgresErrorCodes.UniqueViolation or Npgsql.PostgresErrorCodes.ExclusionViolation,
        _ => false,
    };
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Data;

public static class WriteTransaction
{
    /// <summary>
    /// Runs <paramref name="work"/> inside one SQLite <c>BEGIN IMMEDIATE</c> transaction: the write lock is taken
    /// before the first read, so a check ("is this email free?") and the write after it cannot interleave with a
    /// second request doing the same (a double-clicked submit). Commits when the work returns, rolls back when it throws.
    /// </summary>
    public static async Task<T> InWriteTransactionAsync<T>(this ClinicDbContext db, Func<Task<T>> work)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using var transaction = connection.BeginTransaction(deferred: false);
            await db.Database.UseTransactionAsync(transaction);
            try
            {
                var result = await work();
                await transaction.CommitAsync();
                return result;
            }
            catch
            {
                await transaction.RollbackAsync();
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
            await db.Database.CloseConnectionAsync();
        }
    }
}

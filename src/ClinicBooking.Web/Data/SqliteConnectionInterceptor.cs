using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace ClinicBooking.Web.Data;

/// <summary>
/// Sets per-connection SQLite pragmas once per physical connection. WAL is a property of the file (set once at
/// start-up); the busy timeout and foreign keys belong to the connection, and a pooled connection keeps them, so a
/// connection handed out again by the pool (every request) runs nothing. SQLite's own busy handler waits in
/// milliseconds, where Microsoft.Data.Sqlite's retry loop would sleep 150 ms at a time.
/// </summary>
internal sealed class SqliteConnectionInterceptor : DbConnectionInterceptor
{
    // wal_autocheckpoint: the log is copied back by WalCheckpointer every second; this is only the backstop.
    private const string Pragmas = "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = 10000;";

    /// <summary>Native connections already set up; an entry goes when the pool closes its connection.</summary>
    private static readonly ConditionalWeakTable<sqlite3, object> Prepared = new();
    private static readonly object Marker = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Prepared.TryAdd(handle, Marker);
}

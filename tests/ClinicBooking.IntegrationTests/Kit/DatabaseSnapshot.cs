using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace ClinicBooking.IntegrationTests.Kit;

/// <summary>
/// Every table of the clinic database as a row count and a hash of its contents, to prove a request changed
/// nothing. Audit rows are left out: views legitimately write them. So is the timing decoy's counter, which every
/// failed sign-in bumps by design and which holds nothing. So are the outbox's delivery columns, which the
/// background sender changes on its own clock (new outbox rows still count).
/// </summary>
public static class DatabaseSnapshot
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "AuditEntries", "TimingDecoys" };

    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(ClinicAppFactory app)
    {
        await using var connection = new SqliteConnection($"Data Source={app.ClinicDatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => !Skipped.Contains(t)))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = table == "Outbox" ? "SELECT Id FROM \"Outbox\" ORDER BY 1" : $"SELECT * FROM \"{table}\" ORDER BY 1";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            var content = new StringBuilder();
            while (await reader.ReadAsync())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    content.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('\u001f');
                }

                content.Append('\u001e');
            }

            snapshot[table] = $"{rows} rows, {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())))[..16]}";
        }

        return snapshot;
    }

    public static void AssertUnchanged(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after, string what)
    {
        var changed = before.Keys.Union(after.Keys)
            .Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t))
            .Select(t => $"{t}: {before.GetValueOrDefault(t)} -> {after.GetValueOrDefault(t)}").ToList();
        Assert.True(changed.Count == 0, $"{what} changed the database:\n{string.Join('\n', changed)}");
    }
}

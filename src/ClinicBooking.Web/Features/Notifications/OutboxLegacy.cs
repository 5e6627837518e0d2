using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.Web.Features.Notifications;

/// <summary>
/// Rows written before outbox bodies were encrypted hold their link in clear, which the encrypting converter cannot
/// read. At start-up their bodies are cleared (a row not yet sent is skipped: the person can ask for a new link) and
/// finished rows get the hashed recipient. Idempotent: once done it finds nothing.
/// </summary>
public static class OutboxLegacy
{
    private const string ProtectedPrefix = Data.Protection.HealthDataProtection.ProtectedPrefix;

    public static async Task ClearAsync(ClinicDbContext db)
    {
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE \"Outbox\" SET \"HtmlBody\" = NULL, " +
            "\"LastError\" = CASE WHEN \"Status\" IN ('Pending', 'Sending', 'Failed') THEN 'Stored before bodies were encrypted; the person can ask for a new link.' ELSE \"LastError\" END, " +
            "\"Status\" = CASE WHEN \"Status\" IN ('Pending', 'Sending', 'Failed') THEN 'Skipped' ELSE \"Status\" END " +
            "WHERE \"HtmlBody\" IS NOT NULL AND substr(\"HtmlBody\", 1, 5) <> {0}", ProtectedPrefix);

        var finished = await db.Outbox.AsNoTracking()
            .Where(o => (o.Status == OutboxStatus.Sent || o.Status == OutboxStatus.Skipped)
                        && !o.Recipient.StartsWith("sha256:") && o.Recipient != OutboxMessage.ForgottenRecipient)
            .Select(o => new { o.Id, o.Recipient }).ToListAsync();
        foreach (var row in finished)
        {
            var hash = OutboxMessage.HashRecipient(row.Recipient);
            await db.Outbox.Where(o => o.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Recipient, hash));
        }
    }
}

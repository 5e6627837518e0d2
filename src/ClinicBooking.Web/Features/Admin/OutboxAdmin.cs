using System.Globalization;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Features.Notifications;
using ClinicBooking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClinicBooking.Web.Features.Admin;

/// <summary>
/// The email outbox as the admin sees it: status, kind, masked recipient (only a hash once sent) and subject, the
/// error of a failed row; never a body. "Retry now" puts a failed row back in the queue, due at once.
/// </summary>
public sealed class OutboxAdmin(ClinicDbContext db, Outbox outbox, AuditLog audit, ClinicClock clock, IStringLocalizer<OutboxAdmin> text)
{
    public const int PageSize = 50;

    public async Task<OutboxPage> SearchAsync(OutboxFilter filter, string? flash)
    {
        var problems = new List<string>();
        var query = db.Outbox.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            if (Enum.TryParse<OutboxStatus>(filter.Status, ignoreCase: false, out var status) && Enum.IsDefined(status))
            {
                query = query.Where(o => o.Status == status);
            }
            else
            {
                problems.Add(text["Status: choose one from the list."]);
            }
        }

        if (!string.IsNullOrWhiteSpace(filter.Kind))
        {
            if (Enum.TryParse<OutboxKind>(filter.Kind, ignoreCase: false, out var kind) && Enum.IsDefined(kind))
            {
                query = query.Where(o => o.Kind == kind);
            }
            else
            {
                problems.Add(text["Kind: choose one from the list."]);
            }
        }

        if (AuditLogQuery.Date(filter.Date, text["Due on: enter a date like 2026-03-01."], problems) is { } date)
        {
            var from = AdminText.DayStartUtc(date, clock.Zone);
            var to = AdminText.DayStartUtc(date.AddDays(1), clock.Zone);
            query = query.Where(o => o.DueUtc >= from && o.DueUtc < to);
        }

        var total = await query.CountAsync();
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await query.OrderByDescending(o => o.DueUtc).ThenByDescending(o => o.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(o => new { o.Id, o.Kind, o.Recipient, o.Subject, o.AppointmentId, o.DigestDate, o.Status, o.Attempts, o.DueUtc, o.SentUtc, o.LastError })
            .ToListAsync();
        return new OutboxPage(filter with { Page = page },
            rows.Select(o => new OutboxLine(o.Id, o.Kind, AdminText.OutboxRecipient(o.Recipient), Subject(o.Kind, o.Subject, o.AppointmentId, o.DigestDate),
                o.Status, o.Attempts, o.DueUtc, o.SentUtc, o.Status is OutboxStatus.Failed or OutboxStatus.Skipped or OutboxStatus.Pending ? o.LastError : null)).ToList(),
            total, PageSize, problems, clock.Zone, flash);
    }

    /// <summary>Rows about a visit are rendered when sent, so they are described, not quoted.</summary>
    private string Subject(OutboxKind kind, string? stored, int? appointmentId, DateOnly? digestDate) =>
        stored ?? kind switch
        {
            _ when appointmentId is not null => text["{0} for visit {1}", AdminText.KindName(kind), appointmentId],
            OutboxKind.PractitionerDigest when digestDate is { } day => text["{0} for {1}", AdminText.KindName(kind), day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
            _ => AdminText.KindName(kind),
        };

    public Task<bool> ExistsAsync(long id) => db.Outbox.AnyAsync(o => o.Id == id);

    /// <summary>
    /// Failed → Pending, due now, with the audit row, in one transaction. The conditional UPDATE means a double click
    /// (or a row that meanwhile was retried and sent) changes nothing, and the dispatcher's own claim sends it once.
    /// </summary>
    public async Task<bool> RetryAsync(long id)
    {
        var now = clock.UtcNow;
        var retried = await db.InWriteTransactionAsync(async () =>
        {
            var rows = await db.Outbox.Where(o => o.Id == id && o.Status == OutboxStatus.Failed)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Pending)
                    .SetProperty(o => o.NextAttemptUtc, now).SetProperty(o => o.ClaimedUtc, (DateTime?)null));
            if (rows == 0)
            {
                return false;
            }

            audit.Add(AuditActions.OutboxRetry, "OutboxMessage", id.ToString(CultureInfo.InvariantCulture), null);
            await db.SaveChangesAsync();
            return true;
        });
        if (retried)
        {
            outbox.Kick();
        }

        return retried;
    }
}

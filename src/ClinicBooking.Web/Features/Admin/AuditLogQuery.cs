using System.Globalization;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClinicBooking.Web.Features.Admin;

/// <summary>
/// Reads the audit trail: who did what to which record, for which patient, when and from where. Rows never hold
/// health data, so showing them whole is safe. Newest first, a page at a time.
/// </summary>
public sealed class AuditLogQuery(ClinicDbContext db, ClinicClock clock, IStringLocalizer<AuditLogQuery> text)
{
    public const int PageSize = 50;

    public async Task<AuditPage> SearchAsync(AuditFilter filter)
    {
        var problems = new List<string>();
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var ids = await UserIdsAsync(filter.Actor);
            query = query.Where(a => a.ActorId != null && ids.Contains(a.ActorId));
        }

        if (!string.IsNullOrWhiteSpace(filter.Patient))
        {
            var ids = await UserIdsAsync(filter.Patient);
            query = query.Where(a => a.SubjectId != null && ids.Contains(a.SubjectId));
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }

        if (Date(filter.From, text["From: enter a date like 2026-03-01."], problems) is { } from)
        {
            var fromUtc = AdminText.DayStartUtc(from, clock.Zone);
            query = query.Where(a => a.AtUtc >= fromUtc);
        }

        if (Date(filter.To, text["To: enter a date like 2026-03-01."], problems) is { } to)
        {
            var toUtc = AdminText.DayStartUtc(to.AddDays(1), clock.Zone);
            query = query.Where(a => a.AtUtc < toUtc);
        }

        var total = await query.CountAsync();
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await query.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync();
        var people = rows.SelectMany(r => new[] { r.ActorId, r.SubjectId }).OfType<string>().Distinct().ToList();
        var emails = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email);
        var actions = await db.AuditEntries.Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync();
        return new AuditPage(filter with { Page = page },
            rows.Select(r => new AuditLine(r.AtUtc, Email(emails, r.ActorId), r.Action, r.RecordType, r.RecordId, Email(emails, r.SubjectId), r.IpAddress)).ToList(),
            actions, total, PageSize, problems, clock.Zone);
    }

    /// <summary>Accounts whose email matches exactly (case-insensitive), or contains the text when no account matches exactly.</summary>
    private async Task<List<string>> UserIdsAsync(string email)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var exact = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).ToListAsync();
        return exact.Count > 0
            ? exact
            : await db.Users.Where(u => u.NormalizedEmail != null && u.NormalizedEmail.Contains(normalized)).Select(u => u.Id).Take(100).ToListAsync();
    }

    private string? Email(Dictionary<string, string?> emails, string? id) =>
        id is null ? null : emails.GetValueOrDefault(id) ?? text["(deleted account)"];

    /// <summary>A filter's date (yyyy-MM-dd), or null; <paramref name="problem"/> is added when it cannot be read.</summary>
    internal static DateOnly? Date(string? typed, string problem, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        if (DateOnly.TryParseExact(typed.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 2000 and <= 2100)
        {
            return date;
        }

        problems.Add(problem);
        return null;
    }
}

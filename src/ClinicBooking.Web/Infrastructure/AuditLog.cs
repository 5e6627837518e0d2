using System.Security.Claims;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>Writes audit rows for the current request's user and address. Never pass health data in.</summary>
public sealed class AuditLog(ClinicDbContext db, IHttpContextAccessor http, ClinicClock clock)
{
    /// <summary>Adds a row to the pending changes, so it commits with the change it describes.</summary>
    public void Add(string action, string recordType, string? recordId, string? subjectId)
    {
        var context = http.HttpContext;
        db.AuditEntries.Add(new AuditEntry(clock.UtcNow, context?.User.FindFirstValue(ClaimTypes.NameIdentifier),
            action, recordType, recordId, subjectId, context?.Connection.RemoteIpAddress?.ToString()));
    }

    /// <summary>Commits the rows added so far (several views on one page).</summary>
    public Task SaveAsync() => db.SaveChangesAsync();

    /// <summary>Records a view or export at once.</summary>
    public async Task WriteAsync(string action, string recordType, string? recordId, string? subjectId)
    {
        Add(action, recordType, recordId, subjectId);
        await db.SaveChangesAsync();
    }
}

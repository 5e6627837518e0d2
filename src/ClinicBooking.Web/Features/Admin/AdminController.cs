using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ClinicBooking.Web.Features.Admin;

/// <summary>The admin's overview, the audit log and the email outbox (PRODUCT.md §1, journey 4).</summary>
[Authorize(Policy = Policies.Admin)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AdminController(AdminDashboard dashboard, AuditLogQuery auditLog, OutboxAdmin outbox, IStringLocalizer<AdminController> text)
    : AdminControllerBase
{
    [HttpGet("/admin")]
    public async Task<IActionResult> Index() => Page("Index", await dashboard.BuildAsync());

    /// <summary>A visit as the front desk sees it: who, when, and the intake's state, never its answers.</summary>
    [HttpGet("/admin/appointments/{id:int}")]
    public async Task<IActionResult> Appointment(int id) =>
        await dashboard.AppointmentAsync(id) is { } page ? Page("Appointment", page) : NotFound();

    [HttpGet("/admin/audit")]
    public async Task<IActionResult> Audit(string? actor, string? patient, [FromQuery(Name = "action")] string? auditAction, string? from,
        string? to, int page = 1)
    {
        // "action" is also MVC's route value for the action's name: read it from the query string only.
        var result = await auditLog.SearchAsync(new AuditFilter(Trim(actor), Trim(patient), Trim(auditAction), Trim(from), Trim(to), page));
        return result.Problems.Count > 0 ? Invalid("Audit", result) : Page("Audit", result);
    }

    [HttpGet("/admin/outbox")]
    public async Task<IActionResult> Outbox(string? status, string? kind, string? date, int page = 1)
    {
        var result = await outbox.SearchAsync(new OutboxFilter(Trim(status), Trim(kind), Trim(date), page), Flash);
        return result.Problems.Count > 0 ? Invalid("Outbox", result) : Page("Outbox", result);
    }

    [HttpPost("/admin/outbox/{id:long}/retry")]
    public async Task<IActionResult> Retry(long id)
    {
        if (!await outbox.ExistsAsync(id))
        {
            return NotFound();
        }

        Flash = await outbox.RetryAsync(id)
            ? text["Email {0} is queued again and will be sent in a moment.", id]
            : text["Email {0} is not failed any more, so there was nothing to retry.", id];
        return Redirect($"/admin/outbox#row-{id}");
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, 254)];
}

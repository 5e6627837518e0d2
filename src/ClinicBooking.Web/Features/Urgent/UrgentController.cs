using ClinicBooking.Web.Features.Intake;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ClinicBooking.Web.Features.Urgent;

/// <summary>
/// Where the urgent alert email leads: every patient shown Emergency or Same-day guidance whom no practitioner has
/// yet called, with how to reach them, what they were told and their coming visits. Practitioners and admins (the
/// alert address may be either's mailbox); only practitioners see what the patient was told.
/// </summary>
[Authorize(Policy = Policies.Staff)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class UrgentController(UrgentCases urgent, ClinicClock clock, AuditLog audit, IStringLocalizer<UrgentController> text) : Controller
{
    public const string Path = "/practitioner/urgent";

    [HttpGet(Path)]
    public async Task<IActionResult> Index()
    {
        var lines = await urgent.OpenCasesAsync();
        var clinician = User.IsInRole(Domain.Roles.Practitioner);
        if (clinician)
        {
            foreach (var line in lines)
            {
                audit.Add(Domain.AuditActions.IntakeView, nameof(Domain.Practice.UrgentCase),
                    line.Case.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), line.Case.PatientId);
            }

            await audit.SaveAsync();
        }

        return View(new UrgentPage(lines, clinician, clock.Zone, TempData["Flash"] as string));
    }

    /// <summary>A practitioner has called the patient and it is OK to proceed: the case closes, the holds lift.</summary>
    [HttpPost(Path + "/{id:int}/called")]
    public async Task<IActionResult> Called(int id)
    {
        if (!User.IsInRole(Domain.Roles.Practitioner))
        {
            return NotFound();
        }

        TempData["Flash"] = await urgent.ClearCaseAsync(id, User.FindFirstValue(System.Security.Claims.ClaimTypes.NameIdentifier)!)
            ? text["Noted: you called the patient and it is OK to proceed. Their visits are no longer held."].Value
            : text["That patient is no longer waiting for a call (someone may have recorded it already)."].Value;
        return Redirect(Path);
    }
}

public sealed record UrgentPage(IReadOnlyList<UrgentLine> Lines, bool ShowGuidance, TimeZoneInfo Zone, string? Flash);

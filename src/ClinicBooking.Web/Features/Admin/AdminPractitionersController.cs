using ClinicBooking.Web.Domain;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ClinicBooking.Web.Features.Admin;

/// <summary>Practitioners: list, add (with a set-password email), edit, weekly hours, deactivate.</summary>
[Authorize(Policy = Policies.Admin)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AdminPractitionersController(PractitionerAdmin practitioners, ClinicClock clock, IStringLocalizer<AdminPractitionersController> text)
    : AdminControllerBase
{
    [HttpGet("/admin/practitioners")]
    public async Task<IActionResult> Index() => Page("Practitioners", new PractitionersPage(await practitioners.ListAsync(), Flash));

    [HttpGet("/admin/practitioners/new")]
    public IActionResult New() => Page("NewPractitioner", new NewPractitionerPage(new NewPractitionerInput()));

    [HttpPost("/admin/practitioners/new")]
    public async Task<IActionResult> Create(NewPractitionerInput input)
    {
        if (!ModelState.IsValid || await practitioners.CreateAsync(input, ModelState) is not { } created)
        {
            return Invalid("NewPractitioner", new NewPractitionerPage(input));
        }

        Flash = text["{0} is added. We are emailing {1} a link to set a password. Now set their working hours.", created.DisplayName, input.Email!.Trim()];
        return Redirect($"/admin/practitioners/{created.Id}");
    }

    [HttpGet("/admin/practitioners/{id:int}")]
    public async Task<IActionResult> Show(int id) =>
        await practitioners.FindAsync(id) is { } p ? Page("Practitioner", await PageAsync(p, null, null, [])) : NotFound();

    [HttpPost("/admin/practitioners/{id:int}")]
    public async Task<IActionResult> Update(int id, PractitionerProfileInput input)
    {
        if (await practitioners.FindAsync(id) is not { } p)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Invalid("Practitioner", await PageAsync(p, input, null, []));
        }

        await practitioners.UpdateProfileAsync(p, input);
        Flash = text["Name and bio saved."];
        return Redirect($"/admin/practitioners/{id}");
    }

    [HttpPost("/admin/practitioners/{id:int}/hours")]
    public async Task<IActionResult> Hours(int id, WeeklyHoursInput input)
    {
        if (await practitioners.FindAsync(id) is not { } p)
        {
            return NotFound();
        }

        var orphaned = new List<AppointmentLine>();
        if (!await practitioners.SetHoursAsync(p, input, ModelState, orphaned))
        {
            return Invalid("Practitioner", await PageAsync(p, null, input, orphaned));
        }

        Flash = text["Working hours saved. Patients can book the new times now."];
        return Redirect($"/admin/practitioners/{id}");
    }

    [HttpGet("/admin/practitioners/{id:int}/deactivate")]
    public async Task<IActionResult> ConfirmDeactivate(int id) =>
        await practitioners.FindAsync(id) is { } p
            ? Page("Deactivate", new DeactivatePage(p, await practitioners.UpcomingAsync(id), clock.Zone))
            : NotFound();

    [HttpPost("/admin/practitioners/{id:int}/deactivate")]
    public async Task<IActionResult> Deactivate(int id, bool cancelAppointments)
    {
        if (await practitioners.FindAsync(id) is not { } p)
        {
            return NotFound();
        }

        if (!await practitioners.DeactivateAsync(p, cancelAppointments, ModelState))
        {
            return Invalid("Deactivate", new DeactivatePage(p, await practitioners.UpcomingAsync(id), clock.Zone));
        }

        Flash = cancelAppointments
            ? text["{0} is deactivated and no longer offered for booking. Their booked visits are cancelled and the patients are being emailed.", p.DisplayName]
            : text["{0} is deactivated and no longer offered for booking.", p.DisplayName];
        return Redirect("/admin/practitioners");
    }

    [HttpPost("/admin/practitioners/{id:int}/reactivate")]
    public async Task<IActionResult> Reactivate(int id)
    {
        if (await practitioners.FindAsync(id) is not { } p)
        {
            return NotFound();
        }

        await practitioners.ReactivateAsync(p);
        Flash = text["{0} is active again and offered for booking within their working hours.", p.DisplayName];
        return Redirect($"/admin/practitioners/{id}");
    }

    private async Task<PractitionerPage> PageAsync(Practitioner p, PractitionerProfileInput? profile, WeeklyHoursInput? hours,
        IReadOnlyList<AppointmentLine> orphaned) =>
        new(p, await practitioners.EmailOfAsync(p), profile ?? new PractitionerProfileInput { DisplayName = p.DisplayName, Bio = p.Bio },
            hours ?? WeeklyHoursInput.From(p), await practitioners.UpcomingAsync(p.Id), orphaned, clock.Zone, Flash);
}

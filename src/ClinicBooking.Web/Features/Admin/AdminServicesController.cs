using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ClinicBooking.Web.Features.Admin;

/// <summary>Services: list, add, edit, retire (never delete: booked visits refer to them).</summary>
[Authorize(Policy = Policies.Admin)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AdminServicesController(ServiceCatalogue services, IStringLocalizer<AdminServicesController> text) : AdminControllerBase
{
    [HttpGet("/admin/services")]
    public async Task<IActionResult> Index() => Page("Services", new ServicesPage(await services.ListAsync(), Flash));

    [HttpGet("/admin/services/new")]
    public IActionResult New() =>
        Page("Service", new ServicePage(null, new ServiceInput { DurationMinutes = "45", BufferMinutes = "15" }, true, 0, null));

    [HttpPost("/admin/services/new")]
    public async Task<IActionResult> Create(ServiceInput input)
    {
        if (await services.CreateAsync(input, ModelState) is not { } created)
        {
            return Invalid("Service", new ServicePage(null, input, true, 0, null));
        }

        Flash = text["{0} is added and can be booked now.", created.Name];
        return Redirect("/admin/services");
    }

    [HttpGet("/admin/services/{id:int}")]
    public async Task<IActionResult> Show(int id) =>
        await services.FindAsync(id) is { } s
            ? Page("Service", new ServicePage(s.Id, ServiceInput.From(s), s.IsActive, await services.UpcomingBookingsAsync(id), Flash))
            : NotFound();

    [HttpPost("/admin/services/{id:int}")]
    public async Task<IActionResult> Update(int id, ServiceInput input)
    {
        if (await services.FindAsync(id) is not { } s)
        {
            return NotFound();
        }

        if (!await services.UpdateAsync(s, input, ModelState))
        {
            return Invalid("Service", new ServicePage(id, input, s.IsActive, await services.UpcomingBookingsAsync(id), null));
        }

        Flash = text["{0} is saved. Visits already booked keep their times; new bookings use the new length.", s.Name];
        return Redirect($"/admin/services/{id}");
    }

    [HttpPost("/admin/services/{id:int}/retire")]
    public Task<IActionResult> Retire(int id) => SetActiveAsync(id, false);

    [HttpPost("/admin/services/{id:int}/reinstate")]
    public Task<IActionResult> Reinstate(int id) => SetActiveAsync(id, true);

    private async Task<IActionResult> SetActiveAsync(int id, bool active)
    {
        if (await services.FindAsync(id) is not { } s)
        {
            return NotFound();
        }

        await services.SetActiveAsync(s, active);
        Flash = active ? text["{0} is offered for booking again.", s.Name]
            : text["{0} is retired: it is no longer offered. Visits already booked for it go ahead.", s.Name];
        return Redirect($"/admin/services/{id}");
    }
}

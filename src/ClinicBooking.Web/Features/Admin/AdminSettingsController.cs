using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ClinicBooking.Web.Features.Admin;

/// <summary>The clinic's settings (PRODUCT.md §6), applied as soon as they are saved.</summary>
[Authorize(Policy = Policies.Admin)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AdminSettingsController(SettingsAdmin settingsAdmin, ClinicSettingsStore store, IStringLocalizer<AdminSettingsController> text)
    : AdminControllerBase
{
    [HttpGet("/admin/settings")]
    public IActionResult Index() => Page("Settings", new SettingsPage(SettingsInput.From(store.Current), Flash));

    [HttpPost("/admin/settings")]
    public async Task<IActionResult> Save(SettingsInput input)
    {
        if (!await settingsAdmin.SaveAsync(input, ModelState))
        {
            return Invalid("Settings", new SettingsPage(input, null));
        }

        Flash = text["Settings saved. They apply from now on; reminders already queued keep their times."];
        return Redirect("/admin/settings");
    }
}

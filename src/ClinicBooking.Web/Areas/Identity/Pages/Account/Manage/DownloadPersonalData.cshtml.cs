using System.Text.Json;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicBooking.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces Identity UI's download, which holds only the account's [PersonalData] fields: the file holds the profile,
/// every intake version and the draft (decrypted), the visits and the emails sent. POST only, like the original.
/// </summary>
[Authorize]
public sealed class ClinicDownloadPersonalDataModel(UserManager<ApplicationUser> users, PersonalDataService personalData) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public IActionResult OnGet() => RedirectToPage("./PersonalData");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        var export = await personalData.ExportAsync(user);
        Response.Headers.CacheControl = "no-store";
        return File(JsonSerializer.SerializeToUtf8Bytes(export, Json), "application/json", "PersonalData.json");
    }
}

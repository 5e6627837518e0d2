using System.Text;
using ClinicBooking.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace ClinicBooking.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's page: a missing, mangled or expired link gets a friendly page with a way forward (the
/// stock page throws or shows raw text), and a confirmed address gets a "Sign in" button that keeps the return URL.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(UserManager<ApplicationUser> users) : PageModel
{
    public bool Confirmed { get; private set; }
    public string? ReturnUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? userId, string? code, string? returnUrl)
    {
        ReturnUrl = !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code) || userId.Length > 64 || code.Length > 2048
            || await users.FindByIdAsync(userId) is not { } user)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
        if (!Confirmed)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}

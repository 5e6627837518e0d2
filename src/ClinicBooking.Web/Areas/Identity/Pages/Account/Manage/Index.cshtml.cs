using System.ComponentModel.DataAnnotations;
using ClinicBooking.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicBooking.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces Identity UI's profile page (the same fields and rules), whose words are compiled in English only: this
/// copy's are in the reader's language (Resources/Areas/Identity/Pages/Account/Manage/Index.es.resx, and the
/// model's messages in ClinicProfileModel.es.resx).
/// </summary>
[Authorize]
public sealed class ClinicProfileModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn) : PageModel
{
    public const string Updated = "Your profile has been updated";
    public const string PhoneNotSaved = "Unexpected error when trying to set phone number.";

    [Display(Name = "Username")]
    public string? Username { get; private set; }

    /// <summary>In English: the status line translates it when shown (_StatusMessage).</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Phone(ErrorMessage = "The {0} field is not a valid phone number.")]
        [Display(Name = "Phone number")]
        public string? PhoneNumber { get; set; }
    }

    private async Task LoadAsync(ApplicationUser user)
    {
        Username = await users.GetUserNameAsync(user);
        Input = new InputModel { PhoneNumber = await users.GetPhoneNumberAsync(user) };
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }

        if (Input.PhoneNumber != await users.GetPhoneNumberAsync(user)
            && !(await users.SetPhoneNumberAsync(user, Input.PhoneNumber)).Succeeded)
        {
            StatusMessage = PhoneNotSaved;
            return RedirectToPage();
        }

        await signIn.RefreshSignInAsync(user);
        StatusMessage = Updated;
        return RedirectToPage();
    }
}

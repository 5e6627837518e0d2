using System.ComponentModel.DataAnnotations;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicBooking.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces Identity UI's page, which deletes only the user row (and failed on any booked patient's foreign keys):
/// the password is asked again, then <see cref="PersonalDataService.DeleteAsync"/> erases and anonymises in one
/// transaction, and the person is signed out.
/// </summary>
[Authorize]
public sealed class ClinicDeletePersonalDataModel(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    PersonalDataService personalData) : PageModel
{
    [BindProperty]
    public DeleteAccountInput Input { get; set; } = new();

    public bool RequirePassword { get; private set; }
    public bool IsStaff { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        RequirePassword = await users.HasPasswordAsync(user);
        IsStaff = !await personalData.CanDeleteAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }

        RequirePassword = await users.HasPasswordAsync(user);
        IsStaff = !await personalData.CanDeleteAsync(user);
        if (IsStaff)
        {
            ModelState.AddModelError(string.Empty, AccountText.Get("Staff accounts are closed by the clinic's admin, not here."));
            return BadRequest(this);
        }

        if (RequirePassword && (string.IsNullOrEmpty(Input.Password) || !await users.CheckPasswordAsync(user, Input.Password)))
        {
            ModelState.AddModelError("Input.Password", AccountText.Get("That password is not right. Your account has not been deleted."));
            return BadRequest(this);
        }

        await personalData.DeleteAsync(user);
        await signIn.SignOutAsync();
        return Redirect("~/");
    }

    private PageResult BadRequest(PageModel page)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return page.Page();
    }
}

public sealed class DeleteAccountInput
{
    [StringLength(200, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
    [DataType(DataType.Password)]
    [Display(Name = "Your password")]
    public string? Password { get; set; }
}

using System.ComponentModel.DataAnnotations;
using ClinicBooking.Web.Data;
using ClinicBooking.Web.Features.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicBooking.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's ForgotPassword page, which made a reset token and wrote an email only for a confirmed,
/// known address: the work done would tell who has an account here. This page does the same for every address
/// without looking it up: it queues one outbox row ("password reset requested") holding the address only, and
/// answers with the same page. The dispatcher decides when it sends: a confirmed account gets a fresh reset link
/// (made then, so no link is ever stored), any other address nothing (the row is skipped).
/// </summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(ClinicDbContext db, Outbox outbox) : PageModel
{
    [BindProperty]
    public ForgotPasswordInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        outbox.QueueResetRequested(Input.Email.Trim());
        await db.SaveChangesAsync();
        outbox.Kick();
        return RedirectToPage("./ForgotPasswordConfirmation");
    }
}

public sealed class ForgotPasswordInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [StringLength(254, ErrorMessage = "An email address is at most 254 characters.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
    [Display(Name = "Email address")]
    public string Email { get; set; } = "";
}

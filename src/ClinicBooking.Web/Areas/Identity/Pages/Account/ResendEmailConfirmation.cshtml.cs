using ClinicBooking.Web.Data;
using ClinicBooking.Web.Features.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicBooking.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Replaces Identity UI's ResendEmailConfirmation page, which made a token and an email only for a known address
/// (the work done told who has an account). Like <see cref="ForgotPasswordModel"/>, it looks nothing up: every
/// address gets one outbox row holding the address only and the same answer; the dispatcher sends a fresh
/// confirmation link when it sends, to an account still unconfirmed, and skips any other address.
/// </summary>
[AllowAnonymous]
public sealed class ResendEmailConfirmationModel(ClinicDbContext db, Outbox outbox) : PageModel
{
    public const string Sent = "If this address has an account waiting for confirmation, we have emailed it a new link. Check your inbox.";

    [BindProperty]
    public ForgotPasswordInput Input { get; set; } = new();

    public string? StatusMessage { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        outbox.QueueConfirmationRequested(Input.Email.Trim());
        await db.SaveChangesAsync();
        outbox.Kick();
        StatusMessage = AccountText.Get(Sent);
        return Page();
    }
}

using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Features.Notifications;
using Microsoft.AspNetCore.Identity.UI.Services;

namespace ClinicBooking.Web.Email;

/// <summary>
/// Identity UI's emails (confirm address, reset password, change email, set password) go through the outbox like
/// every other email: stored with their one-time link, sent by the dispatcher, retried if the server is down.
/// </summary>
public sealed class IdentityEmailSender(ClinicDbContext db, Outbox outbox) : IEmailSender
{
    public async Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        outbox.QueueStored(OutboxKind.Account, email, subject, htmlMessage);
        await db.SaveChangesAsync();
        outbox.Kick();
    }
}

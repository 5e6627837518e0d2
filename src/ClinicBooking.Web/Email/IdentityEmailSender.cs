using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain.Notifications;
using ClinicBooking.Web.Features.Notifications;
using ClinicBooking.Web.Infrastructure;
using Microsoft.AspNetCore.Identity.UI.Services;

namespace ClinicBooking.Web.Email;

/// <summary>
/// Identity UI's emails (confirm address, reset password, change email, set password) go through the outbox like
/// every other email: stored with their one-time link, sent by the dispatcher, retried if the server is down. They
/// are asked for during a request, by the person they are for: stored in that request's language (Identity's
/// English sentences have their translations in EmailText; one without stays English).
/// </summary>
public sealed class IdentityEmailSender(ClinicDbContext db, Outbox outbox) : IEmailSender
{
    public async Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        var text = TemplateText.For<EmailText>();
        outbox.QueueStored(OutboxKind.Account, email, text[subject], text[htmlMessage]);
        await db.SaveChangesAsync();
        outbox.Kick();
    }
}

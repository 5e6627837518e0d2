using Microsoft.AspNetCore.Identity.UI.Services;

namespace ClinicBooking.Web.Email;

/// <summary>
/// Identity UI's emails (confirm address, reset password, change email) through the clinic's template and
/// transport. Identity hands over an HTML fragment with one link; the plain-text part is derived from it.
/// </summary>
public sealed class IdentityEmailSender(EmailComposer composer, IEmailTransport transport) : IEmailSender
{
    public Task SendEmailAsync(string email, string subject, string htmlMessage) =>
        transport.SendAsync([composer.Compose(new EmailContent(email, subject, $"<p>{htmlMessage}</p>"))]);
}

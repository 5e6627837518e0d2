using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ClinicBooking.Web.Email;

/// <summary>
/// Sends through an SMTP server with MailKit. Certificates are validated as usual (never "accept all"); a
/// failure surfaces as MailKit's own exception so the caller can tell temporary (4xx, socket) from permanent (5xx).
/// </summary>
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task SendAsync(IReadOnlyCollection<MimeMessage> messages, CancellationToken cancellationToken = default)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set."), smtp.Port, smtp.SecureSocketOptions, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
        }

        foreach (var message in messages)
        {
            await client.SendAsync(message, cancellationToken);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

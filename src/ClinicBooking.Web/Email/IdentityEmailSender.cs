using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity.UI.Services;

namespace ClinicBooking.Web.Email;

/// <summary>
/// Identity UI's emails (confirm address, reset password, change email) through the clinic's template and
/// transport. Identity hands over an HTML sentence with one link; the link becomes the email's one button.
/// </summary>
public sealed partial class IdentityEmailSender(EmailComposer composer, IEmailTransport transport) : IEmailSender
{
    public Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        var link = LinkRegex().Match(htmlMessage);
        var content = link.Success
            ? new EmailContent(email, subject,
                $"<p>{LinkRegex().Replace(htmlMessage, m => m.Groups["text"].Value)}</p>" +
                "<p>If you did not ask for this email, you can ignore it.</p>",
                subject, WebUtility.HtmlDecode(link.Groups["href"].Value))
            : new EmailContent(email, subject, $"<p>{htmlMessage}</p>");
        return transport.SendAsync([composer.Compose(content)]);
    }

    [GeneratedRegex("""<a\s[^>]*href\s*=\s*["'](?<href>[^"']*)["'][^>]*>(?<text>.*?)</a>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex LinkRegex();
}

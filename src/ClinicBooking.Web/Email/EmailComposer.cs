using System.Net;
using ClinicBooking.Web.Infrastructure;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ClinicBooking.Web.Email;

/// <summary>The content of one email before it is wrapped in the clinic's template.</summary>
public sealed record EmailContent(string To, string Subject, string Paragraphs, string? ButtonText = null, string? ButtonUrl = null);

/// <summary>
/// Wraps content in the clinic's short email layout (UX.md: one purpose, one button, plain-text part always
/// present) and produces the MIME message. The content comes already in the recipient's language (the one in force,
/// <see cref="Languages.Current"/>, which the message declares); the clinic's name, address and phone are its own.
/// </summary>
public sealed class EmailComposer(IOptions<EmailOptions> emailOptions, ClinicSettingsStore clinicSettings)
{
    public MimeMessage Compose(EmailContent content)
    {
        var clinic = clinicSettings.Current;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(emailOptions.Value.Smtp.From));
        message.To.Add(MailboxAddress.Parse(content.To));
        message.Subject = content.Subject;

        var footer = $"{clinic.Name}\n{clinic.Address}\n{clinic.Phone}";
        var text = HtmlText.ToPlainText(content.Paragraphs);
        if (content.ButtonUrl is not null)
        {
            text += $"\n\n{content.ButtonText}:\n{content.ButtonUrl}";
        }

        var html = $"""
            <!doctype html>
            <html lang="{Languages.Current}"><body style="margin:0;padding:24px;background:#faf7f2;font-family:Arial,Helvetica,sans-serif;font-size:16px;color:#2b2b2b;line-height:1.5">
            <div style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px">
            <p style="margin-top:0;font-weight:bold;color:#2f6f62" translate="no">{WebUtility.HtmlEncode(clinic.Name)}</p>
            {content.Paragraphs}
            {(content.ButtonUrl is null ? "" : $"<p style=\"margin:28px 0\"><a href=\"{WebUtility.HtmlEncode(content.ButtonUrl)}\" style=\"background:#2f6f62;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block\">{WebUtility.HtmlEncode(content.ButtonText)}</a></p>")}
            <p style="font-size:14px;color:#555;border-top:1px solid #eee;padding-top:12px" translate="no">{WebUtility.HtmlEncode(footer).Replace("\n", "<br>")}</p>
            </div></body></html>
            """;

        message.Body = new BodyBuilder { TextBody = $"{text}\n\n--\n{footer}\n", HtmlBody = html }.ToMessageBody();
        return message;
    }
}

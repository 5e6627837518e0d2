using ClinicBooking.Web.Email;
using ClinicBooking.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace ClinicBooking.UnitTests;

public sealed class EmailComposerTests
{
    private static EmailComposer Composer() => new(
        Options.Create(new EmailOptions { Smtp = { From = "Clinic <no-reply@clinic.test>" } }),
        new ClinicSettingsStore(Options.Create(new ClinicOptions { Name = "Test Clinic", Address = "1 Road", Phone = "555-0199" })));

    [Fact]
    public void Every_message_has_a_plain_text_and_an_html_part_with_the_clinic_details()
    {
        var message = Composer().Compose(new EmailContent("a@b.test", "Subject", "<p>Hello &amp; welcome</p>",
            "Open", "https://app.test/x"));

        Assert.Equal("Subject", message.Subject);
        Assert.Equal("no-reply@clinic.test", message.From.Mailboxes.Single().Address);
        Assert.Contains("Hello & welcome", message.TextBody);
        Assert.Contains("Open:\nhttps://app.test/x", message.TextBody);
        Assert.Contains("Test Clinic", message.TextBody);
        Assert.Contains("555-0199", message.TextBody);
        Assert.Contains("href=\"https://app.test/x\"", message.HtmlBody);
        Assert.Contains("1 Road", message.HtmlBody);
    }

    [Fact]
    public void A_recipient_address_with_a_line_break_is_refused()
    {
        Assert.ThrowsAny<Exception>(() =>
            Composer().Compose(new EmailContent("a@b.test\r\nBcc: c@d.test", "S", "<p>x</p>")));
    }
}

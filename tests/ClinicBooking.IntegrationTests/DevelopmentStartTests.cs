using ClinicBooking.IntegrationTests.Kit;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// The app started the README's way in Development with no <c>App:PublicUrl</c>: links in emails and the start-up
/// log use the address it actually listens on.
/// </summary>
public sealed class DevelopmentStartTests
{
    [Fact]
    public async Task Without_a_public_url_email_links_and_the_start_up_log_use_the_listening_address()
    {
        await using var smtp = new TestSmtpServer();
        await using var app = await BlackBoxApp.StartAsync(smtp, new Dictionary<string, string> { ["App:PublicUrl"] = "" });
        var listening = app.BaseAddress.ToString().TrimEnd('/');

        var banner = Assert.Single(app.Output, l => l.Contains("Demo accounts (Development only)", StringComparison.Ordinal));
        Assert.Contains("ClinicDemo-2026", banner);
        Assert.Contains("pat@clinic.test (Patient)", banner);
        Assert.Contains("admin@clinic.test (Admin)", banner);
        Assert.Contains($"{listening}/dev/mail", banner);

        using var client = app.CreateClient();
        await client.PostRegisterAsync("Listening Address", "listening@example.com", "a long enough phrase");
        var confirmation = await smtp.WaitForMessageToAsync("listening@example.com", TimeSpan.FromSeconds(30));
        Assert.Contains($"{listening}/Identity/Account/ConfirmEmail", confirmation.HtmlBody);
        Assert.DoesNotContain("localhost:5080", confirmation.HtmlBody);
    }
}

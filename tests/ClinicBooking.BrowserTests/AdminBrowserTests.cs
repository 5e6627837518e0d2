using System.Text.RegularExpressions;
using ClinicBooking.BrowserTests.Kit;
using Microsoft.Playwright;

namespace ClinicBooking.BrowserTests;

/// <summary>Journey 4 in Chromium: the admin adds a practitioner and a service; axe on every admin page.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AdminBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_admin_adds_a_practitioner_sets_their_hours_and_adds_a_service()
    {
        var page = await fixture.NewPageAsync();
        await Journeys.SignInAsync(page, "admin@clinic.test");
        await page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await Journeys.ArriveAtAsync(page, @"/admin$");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Clinic administration" })
            .GetByRole(AriaRole.Link, new() { Name = "Practitioners" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a practitioner" }).ClickAsync();

        // A mistake first: the error is beside the field and summarised at the top.
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Rosa Reyes");
        await page.GetByLabel("Email address").FillAsync("rosa-at-example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add practitioner and send email" }).ClickAsync();
        Assert.Contains("There is a problem", await page.InnerTextAsync(".error-summary"));
        Assert.Contains("Enter an email address like name@example.com.", await page.InnerTextAsync("#Email_error"));

        await page.GetByLabel("Email address").FillAsync("rosa.browser@example.com");
        await page.GetByLabel("Short bio (optional)").FillAsync("Acupuncturist and IBCLC.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add practitioner and send email" }).ClickAsync();
        await Journeys.ArriveAtAsync(page, "/admin/practitioners/\\d+$");
        Assert.Contains("We are emailing rosa.browser@example.com", await page.InnerTextAsync("main"));

        await page.GetByLabel("Tuesday").FillAsync("09:00-12:00, 13:00-17:00");
        await page.GetByLabel("Thursday").FillAsync("10:00-16:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save working hours" }).ClickAsync();
        Assert.Contains("Working hours saved", await page.InnerTextAsync("main"));
        await BrowserFixture.ScreenshotAsync(page, "admin-practitioner");
        var email = await fixture.App.Smtp.WaitForMessageToAsync("rosa.browser@example.com");
        Assert.StartsWith("Set your password", email.Subject);

        await page.GotoAsync("/admin/services");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a service" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Browser pumping clinic");
        await page.GetByLabel("Length of the visit").FillAsync("50");
        await page.GetByLabel("Time kept free afterwards").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add service" }).ClickAsync();
        await Journeys.ArriveAtAsync(page, @"/admin/services$");
        Assert.Contains("Browser pumping clinic is added", await page.InnerTextAsync("main"));
        Assert.Contains("Browser pumping clinic", await page.InnerTextAsync("table"));
        await BrowserFixture.ScreenshotAsync(page, "admin-services");

        await page.GotoAsync("/book");
        Assert.Contains("Browser pumping clinic", await page.InnerTextAsync("main"));
    }

    [Fact]
    public async Task The_hangfire_dashboard_runs_without_a_content_security_policy_error()
    {
        var page = await fixture.NewPageAsync();
        await Journeys.SignInAsync(page, "admin@clinic.test");
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{page.Url}: {message.Text}");
            }
        };
        foreach (var url in new[] { "/hangfire", "/hangfire/recurring" })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        await BrowserFixture.ScreenshotAsync(page, "hangfire-recurring");
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/practitioners")]
    [InlineData("/admin/practitioners/new")]
    [InlineData("/admin/practitioners/1")]
    [InlineData("/admin/practitioners/1/deactivate")]
    [InlineData("/admin/services")]
    [InlineData("/admin/services/new")]
    [InlineData("/admin/services/1")]
    [InlineData("/admin/settings")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/outbox")]
    public async Task Axe_finds_no_serious_or_critical_violation_on_admin_pages(string url)
    {
        var page = await fixture.NewPageAsync();
        await Journeys.SignInAsync(page, "admin@clinic.test");
        await page.GotoAsync(url);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Axe_finds_no_serious_violation_on_the_settings_page_showing_errors()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await Journeys.SignInAsync(page, "admin@clinic.test");
        await page.GotoAsync("/admin/settings");
        await page.GetByLabel("Time zone").FillAsync("Nowhere/Special");
        await page.GetByLabel("Reminders before a visit").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        Assert.Contains("not a time zone we can use", await page.InnerTextAsync("#TimeZone_error"));
        await BrowserFixture.ScreenshotAsync(page, "admin-settings-errors-phone");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }
}

using System.Text.RegularExpressions;
using ClinicBooking.BrowserTests.Kit;
using ClinicBooking.IntegrationTests.Kit;
using Microsoft.Playwright;

namespace ClinicBooking.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed partial class BookingBrowserTests(BrowserFixture fixture)
{
    /// <summary>Issue 15's "done when": signed out → the sign-in prompt that names the time → sign-up → first visit, at both sizes.</summary>
    [Theory]
    [InlineData(390, 844, "phone")]
    [InlineData(1280, 900, "desktop")]
    public async Task A_new_patient_books_a_first_consultation_end_to_end(int width, int height, string size)
    {
        var page = await fixture.NewPageAsync(width, height);
        var address = $"jo-{size}@example.com";
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Book a first consultation" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Choose initial consultation and treatment" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "See times with any practitioner" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Next week" }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, $"booking-week-grid-{size}");
        var chosen = page.Locator("a.slot").First;
        var chosenLabel = await chosen.GetAttributeAsync("aria-label");
        await chosen.ClickAsync();

        // Not signed in: the sign-in page names the chosen time; "create an account" beside it keeps the time.
        await Journeys.ArriveAtAsync(page, @"/Identity/Account/Login");
        Assert.Contains("Sign in or create an account to book", await page.InnerTextAsync(".booking-intent"));
        await page.Locator(".booking-intent").GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await Journeys.ArriveAtAsync(page, @"/Identity/Account/Register");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, $"sign-up-to-book-{size}");
        await page.GetByLabel("Your name").FillAsync("Jo Newparent");
        await page.GetByLabel("Email address").FillAsync(address);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("sleepless nights 2026");
        await page.GetByLabel("Password again").FillAsync("sleepless nights 2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Journeys.ArriveAtAsync(page, @"/RegisterConfirmation");
        Assert.Contains("Check your email", await page.InnerTextAsync("h1"));

        var email = await fixture.App.Smtp.WaitForMessageToAsync(address);
        var link = new Uri(ConfirmLink().Match(email.TextBody!).Value);
        await page.GotoAsync(link.PathAndQuery);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).Last.ClickAsync();
        await page.GetByLabel("Email address").FillAsync(address);
        await page.GetByLabel("Password").FillAsync("sleepless nights 2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // The first consultation needs an intake: the gate, the questionnaire, then back to the same time.
        await Journeys.ArriveAtAsync(page, @"/intake$");
        Assert.Contains("We remember the time you chose", await page.InnerTextAsync("main"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Start" }).ClickAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(fixture.App.Clock.GetUtcNow().UtcDateTime, BookingKit.Zone));
        await Journeys.FillAndSubmitIntakeAsync(page, IntakeKit.CalmAnswers(today));
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue booking your chosen time" }).ClickAsync();

        await Journeys.ArriveAtAsync(page, @"/book/confirm");
        var summary = await page.InnerTextAsync("main");
        Assert.Contains(chosenLabel!.Split(" with ")[0], summary);
        Assert.Contains("cancel online up to 24 hours", summary);
        await BrowserFixture.ScreenshotAsync(page, $"booking-confirm-first-visit-{size}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book this time" }).ClickAsync();

        await Journeys.ArriveAtAsync(page, "/appointments/\\d+$");
        Assert.Contains("Your visit is booked", await page.InnerTextAsync("main"));
        await page.GotoAsync("/appointments");
        Assert.Contains(chosenLabel.Split(" with ")[0], await page.InnerTextAsync("main"));
        await fixture.App.Smtp.WaitForMessageAsync(m => m.Subject!.StartsWith("Your visit is booked", StringComparison.Ordinal)
                                                         && m.To.ToString().Contains(address, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_week_grid_is_usable_with_the_keyboard_alone()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/book?serviceId=2&practitionerId=any");
        if (await page.Locator("a.slot").CountAsync() == 0)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Next week" }).ClickAsync();
        }

        for (var i = 0; i < 80 && !await page.EvaluateAsync<bool>("() => document.activeElement?.classList.contains('slot') ?? false"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        var focused = await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href')");
        Assert.StartsWith("/book/confirm?", focused);
        await page.Keyboard.PressAsync("Enter");
        await Journeys.ArriveAtAsync(page, @"/Identity/Account/Login");
    }

    [Theory]
    [InlineData("/book", null)]
    [InlineData("/book?serviceId=1", null)]
    [InlineData("/book?serviceId=1&practitionerId=any", null)]
    [InlineData("/appointments", "pat@clinic.test")]
    public async Task Axe_finds_no_serious_or_critical_violation_on_booking_pages(string url, string? user)
    {
        var page = await fixture.NewPageAsync();
        if (user is not null)
        {
            await Journeys.SignInAsync(page, user);
        }

        await page.GotoAsync(url);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [GeneratedRegex(@"http://\S+/Identity/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmLink();
}

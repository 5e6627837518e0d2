using ClinicBooking.BrowserTests.Kit;
using ClinicBooking.IntegrationTests.Kit;
using Microsoft.Playwright;

namespace ClinicBooking.BrowserTests;

/// <summary>
/// Issue 15's second language and issue 16's front desk in a real browser at a phone's and a desktop's size: a
/// visitor switches to Spanish from the footer and books in Spanish; the front desk finds a patient and books for
/// them. axe checks each page; screenshots go to TestResults/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageAndDeskBrowserTests(BrowserFixture fixture)
{
    private async Task<IPage> PageAsync(int width, int height)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    [Theory]
    [InlineData(390, 844, "phone")]
    [InlineData(1280, 900, "desktop")]
    public async Task A_visitor_switches_to_Spanish_in_the_footer_and_the_booking_pages_follow(int width, int height, string size)
    {
        var page = await PageAsync(width, height);
        await page.GotoAsync("/lactation-deficiency");
        Assert.Equal("en-US", await page.GetAttributeAsync("html", "lang"));
        await page.Locator(".language-switch").GetByRole(AriaRole.Link, new() { Name = "Español" }).ClickAsync();
        await Journeys.ArriveAtAsync(page, "/lactation-deficiency$");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es-US");
        Assert.Contains("lactancia", await page.InnerTextAsync("main h1"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, $"information-es-{size}");

        // Next week, which has free times whatever day the suite runs on.
        var nextWeek = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var gridUrl = $"/book?serviceId={BookingKit.FollowUp}&practitionerId=any&week={nextWeek}";
        await page.GotoAsync(gridUrl);
        await Assertions.Expect(page.Locator(".grid-day a.slot").First).ToBeAttachedAsync();
        Assert.DoesNotContain("Morning", await page.Locator("main").TextContentAsync());
        // The visitor's own-time note is written by a script, in the page's language too.
        await Assertions.Expect(page.Locator(".zone-note .your-time").First).ToContainTextAsync("Su dispositivo está en otra zona horaria (Europe/London)");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, $"booking-grid-es-{size}");

        // Back to English from the same footer.
        await page.Locator(".language-switch").GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-US");
        Assert.Contains("Morning", await page.Locator("main").TextContentAsync());
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(390, 844, "phone")]
    [InlineData(1280, 900, "desktop")]
    public async Task The_front_desk_finds_a_patient_and_books_for_them(int width, int height, string size)
    {
        var page = await PageAsync(width, height);
        await Journeys.SignInAsync(page, "desk@clinic.test");
        await page.GotoAsync("/desk");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Front desk" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, $"desk-{size}");

        await page.GetByLabel("Name, email or phone").FillAsync("pat patient");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.Locator(".desk-results").GetByRole(AriaRole.Link, new() { Name = "Pat Patient" }).ClickAsync();
        await Journeys.ArriveAtAsync(page, "/desk/patients/");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, $"desk-patient-{size}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Book a visit for them" }).ClickAsync();
        await Journeys.ArriveAtAsync(page, "/book");
        for (var i = 0; i < 10 && await page.Locator(".desk-times button").CountAsync() == 0; i++)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Next day" }).ClickAsync();
            await Assertions.Expect(page.Locator("h2.h4")).ToBeVisibleAsync();
        }

        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, $"desk-book-{size}");
        var time = page.Locator(".desk-times button").First;
        var label = (await time.TextContentAsync())!.Split('·')[0].Trim();
        await time.ClickAsync();
        await Journeys.ArriveAtAsync(page, "/desk/patients/[^/]+$");
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Booked");
        Assert.Contains(label, (await page.InnerTextAsync(".desk-visits")).Replace('\u202F', '\u00A0'));
        await page.Context.CloseAsync();
    }
}

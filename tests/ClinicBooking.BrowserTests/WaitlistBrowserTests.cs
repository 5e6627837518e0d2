using ClinicBooking.BrowserTests.Kit;
using ClinicBooking.IntegrationTests.Kit;
using Microsoft.Playwright;

namespace ClinicBooking.BrowserTests;

/// <summary>
/// Issue 16's waitlist in a real browser at a phone's size: from the week grid a patient joins the waitlist for the
/// service, chooses days and a part of the day with the checkboxes, sees the place on their list and leaves it. axe
/// checks each page; screenshots go to TestResults/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WaitlistBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_patient_joins_the_waitlist_from_the_grid_sees_the_place_and_leaves_it()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await Journeys.SignInAsync(page, "pat@clinic.test");

        var nextWeek = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GotoAsync($"/book?serviceId={BookingKit.FollowUp}&practitionerId=any&week={nextWeek}");
        await page.Locator(".waitlist-cta").GetByRole(AriaRole.Link, new() { Name = "Join the waitlist" }).ClickAsync();
        await Journeys.ArriveAtAsync(page, "/waitlist/join");
        await Assertions.Expect(page.GetByLabel("What would you like to book?")).ToHaveValueAsync(BookingKit.FollowUp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Monday").CheckAsync();
        await page.GetByLabel("Thursday").CheckAsync();
        await page.GetByLabel("Mornings (before 12 noon)").CheckAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "waitlist-join-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the waitlist" }).ClickAsync();

        await Journeys.ArriveAtAsync(page, "/waitlist$");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You are on the waitlist");
        var card = page.Locator(".choice-card").First;
        await Assertions.Expect(card).ToContainTextAsync("Monday, Thursday");
        await Assertions.Expect(card).ToContainTextAsync("mornings");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "waitlist-list-phone");

        await card.GetByRole(AriaRole.Button, new() { Name = "Leave the waitlist for this" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You have left the waitlist");
        await Assertions.Expect(page.GetByText("You are not waiting for a time.")).ToBeVisibleAsync();
        await context.CloseAsync();
    }
}

using ClinicBooking.BrowserTests.Kit;
using ClinicBooking.IntegrationTests.Kit;
using Microsoft.Playwright;

namespace ClinicBooking.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PractitionerBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Ana_sees_a_same_day_flag_first_marks_the_intake_reviewed_and_records_an_outcome_that_the_chart_shows()
    {
        var app = fixture.App;
        var answers = IntakeKit.CalmAnswers(app.Today());
        answers["baby_sleepy_feeds"] = "yes";
        var patientId = await app.SeedPatientWithIntakeAsync("sam@example.com", "Sam Sleepyfeeds", answers);
        // The clock in tests stands still, so a visit starting "now" is on today's schedule and already started.
        await app.VisitAtAsync(patientId, BookingKit.Ana, app.Clock.GetUtcNow().UtcDateTime);

        var page = await fixture.NewPageAsync();
        await Journeys.SignInAsync(page, "ana@clinic.test");
        await page.GetByRole(AriaRole.Link, new() { Name = "Your schedule" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Week", Exact = true }).ClickAsync();
        var row = page.Locator("tr", new() { HasText = "Sam Sleepyfeeds" });
        Assert.Contains("Red flag: Same day", await row.InnerTextAsync());
        Assert.Contains("Intake to review", await row.InnerTextAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "practitioner-schedule-week");

        await row.GetByRole(AriaRole.Link, new() { Name = "Sam Sleepyfeeds" }).ClickAsync();
        // Urgent guidance the patient was shown comes before anything else (the visit is held until someone calls),
        // then the red flags: the flag is on screen without scrolling.
        Assert.StartsWith("Held: call Sam Sleepyfeeds", await page.Locator("main h2").First.InnerTextAsync());
        Assert.Equal("Red flags", await page.Locator("main h2").Nth(1).InnerTextAsync());
        var flag = page.Locator(".flag-list li").First;
        Assert.Contains("Same day", await flag.InnerTextAsync());
        Assert.Contains("too sleepy to feed", await flag.InnerTextAsync());
        var box = await flag.BoundingBoxAsync();
        Assert.True(box!.Y + box.Height < 900, $"The flag starts {box.Y}px down, below the first screen");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "practitioner-intake-review");
        await BrowserFixture.ScreenshotAsync(page, "practitioner-intake-review-first-screen", fullPage: false);

        await page.GetByRole(AriaRole.Button, new() { Name = "Called, OK to proceed" }).ClickAsync();
        Assert.Contains("The hold is lifted", await page.Locator("[role=status]").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark reviewed" }).ClickAsync();
        Assert.Contains("marked reviewed", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Contains("Intake reviewed", await page.Locator(".intake-badge").First.InnerTextAsync());

        await page.GetByLabel("Completed").CheckAsync();
        await page.GetByLabel("Supplement (mL in 24 h)").FillAsync("180");
        await page.GetByLabel("Feeds in 24 h").FillAsync("9");
        await page.GetByLabel("Parent's confidence (0–10)").FillAsync("6");
        await page.GetByLabel("Notes (only practitioners see them)").FillAsync("Sleepy at the breast; discussed switch nursing.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save outcome" }).ClickAsync();
        Assert.Contains("outcome is saved", await page.Locator("[role=status]").InnerTextAsync());
        var chart = page.Locator("figure.chart", new() { HasText = "Supplement" });
        Assert.Equal(1, await chart.Locator("circle").CountAsync());
        Assert.Contains("latest 180", await chart.InnerTextAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await chart.ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "practitioner-outcome-chart", fullPage: false);

        // On a phone the schedule keeps whole words in its cells (the table scrolls sideways instead).
        var phone = await fixture.NewPageAsync(390, 844);
        await Journeys.SignInAsync(phone, "ana@clinic.test");
        await phone.GotoAsync("/practitioner?view=week");
        var patientCell = phone.Locator("td", new() { HasText = "Sam Sleepyfeeds" });
        var cell = await patientCell.BoundingBoxAsync();
        Assert.True(cell!.Width > 80, $"The patient's cell is {cell.Width}px wide on a phone");
        await BrowserFixture.ScreenshotAsync(phone, "practitioner-schedule-phone", fullPage: false);

        await page.GotoAsync("/practitioner/availability");
        Assert.Equal("09:00-17:00", await page.GetByLabel("Monday").InputValueAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task A_visit_booked_after_urgent_guidance_is_held_for_patient_and_practitioner_until_the_practitioner_has_called()
    {
        var app = fixture.App;
        var answers = IntakeKit.CalmAnswers(app.Today());
        answers["wet_diapers_24h"] = "1";
        var patientId = await app.SeedPatientWithIntakeAsync("hana@example.com", "Hana Heldvisit", answers);
        var day = BookingKit.FutureWeekday(app, 3);
        var start = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(10, 0)), BookingKit.Zone);
        var visit = await app.VisitAtAsync(patientId, BookingKit.Ana, start);

        var patient = await fixture.NewPageAsync(390, 844);
        await Journeys.SignInAsync(patient, "hana@example.com");
        await patient.GotoAsync($"/appointments/{visit}");
        var held = patient.Locator(".callout-held");
        Assert.Contains("Held: the clinic will call you first", await held.InnerTextAsync());
        Assert.Contains("Your time is kept for you", await held.InnerTextAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(patient);
        await BrowserFixture.ScreenshotAsync(patient, "patient-visit-held", fullPage: false);

        var page = await fixture.NewPageAsync();
        await Journeys.SignInAsync(page, "ana@clinic.test");
        await page.GotoAsync($"/practitioner?view=week&date={day:yyyy-MM-dd}");
        var row = page.Locator("tr", new() { HasText = "Hana Heldvisit" });
        Assert.Contains("Held: call the patient first", await row.InnerTextAsync());
        await row.GetByRole(AriaRole.Link, new() { Name = "Hana Heldvisit" }).ClickAsync();
        var callout = page.Locator(".urgent-case");
        Assert.Contains("1 wet diaper in 24 hours", await callout.InnerTextAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "practitioner-visit-held", fullPage: false);

        await page.GetByRole(AriaRole.Button, new() { Name = "Called, OK to proceed" }).ClickAsync();
        Assert.Contains("The hold is lifted", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Equal(0, await page.Locator(".urgent-case").CountAsync());
        await page.GotoAsync($"/practitioner?view=week&date={day:yyyy-MM-dd}");
        Assert.DoesNotContain("Held: call", await page.Locator("tr", new() { HasText = "Hana Heldvisit" }).InnerTextAsync());

        await patient.ReloadAsync();
        Assert.Equal(0, await patient.Locator(".callout-held").CountAsync());
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_visit_page_shows_red_flags_factors_focus_and_mark_reviewed_in_the_first_screen(int width, int height)
    {
        var app = fixture.App;
        var answers = IntakeKit.CalmAnswers(app.Today());
        answers["breast_red_hot"] = "yes";
        answers["nipple_shield"] = "yes";
        answers["scheduled_feeds"] = "yes";
        answers["gestational_diabetes"] = "yes";
        answers["stress_level"] = "8";
        var email = $"first-screen-{width}@example.com";
        var patientId = await app.SeedPatientWithIntakeAsync(email, $"Fran Firstscreen {width}", answers);
        var id = await app.VisitAtAsync(patientId, BookingKit.Ben, app.Clock.GetUtcNow().UtcDateTime.AddHours(width == 390 ? 3 : 2));

        var page = await fixture.NewPageAsync(width, height);
        await Journeys.SignInAsync(page, "ben@clinic.test");
        await page.GotoAsync($"/practitioner/appointments/{id}");
        await BrowserFixture.ScreenshotAsync(page, $"practitioner-visit-first-screen-{width}", fullPage: false);
        foreach (var (name, locator) in new[]
                 {
                     ("the red flags", page.Locator("#flags-title")),
                     ("the first red flag", page.Locator(".flag-list li").First),
                     ("the factor chips", page.Locator(".chip").First),
                     ("the suggested focus", page.Locator("#focus-title")),
                     ("Mark reviewed", page.GetByRole(AriaRole.Button, new() { Name = "Mark reviewed" })),
                 })
        {
            var box = await locator.BoundingBoxAsync();
            // Each starts within the first screen (bounding box top < viewport height).
            Assert.True(box is not null && box.Y < height, $"{name} at {width}x{height} is {box?.Y}px down, below the first screen");
        }

        var button = await page.GetByRole(AriaRole.Button, new() { Name = "Mark reviewed" }).BoundingBoxAsync();
        Assert.True(button!.Y + button.Height <= height, $"Mark reviewed ends {button.Y + button.Height}px down");
        foreach (var heading in new[] { "#flags-title", "#factors-title", "#focus-title" })
        {
            Assert.True(await page.Locator(heading).IsVisibleAsync(), heading);
        }

        Assert.Contains("Uses a nipple shield.", await page.Locator("#factor-evidence").TextContentAsync());
        Assert.DoesNotContain("?:", await page.Locator("#factor-evidence").TextContentAsync());
        // The full answers wait behind their own section, which opens without script.
        Assert.False(await page.Locator("#answers").EvaluateAsync<bool>("d => d.open"));
        await page.Locator("#answers > summary").ClickAsync();
        Assert.True(await page.Locator("#answers dl").First.IsVisibleAsync());
        await page.Locator("#answers > summary").ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await BrowserFixture.ScreenshotAsync(page, $"practitioner-visit-{width}");
    }

    [Fact]
    public async Task On_a_phone_the_schedule_shows_each_visit_as_a_card_with_its_intake_badge_in_view()
    {
        var app = fixture.App;
        var answers = IntakeKit.CalmAnswers(app.Today());
        var patientId = await app.SeedPatientWithIntakeAsync("badge-phone@example.com", "Bea Badgephone", answers);
        var day = BookingKit.FutureWeekday(app, 3);
        var start = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(10, 0)), BookingKit.Zone);
        await app.VisitAtAsync(patientId, BookingKit.Ben, start);

        var phone = await fixture.NewPageAsync(390, 844);
        await Journeys.SignInAsync(phone, "ben@clinic.test");
        await phone.GotoAsync($"/practitioner?view=day&date={day:yyyy-MM-dd}");
        var row = phone.Locator("tr", new() { HasText = "Bea Badgephone" });
        var badge = await row.Locator(".intake-badge").BoundingBoxAsync();
        Assert.NotNull(badge);
        Assert.True(badge.X >= 0 && badge.X + badge.Width <= 390, $"The badge spans {badge.X}..{badge.X + badge.Width}px on a 390px screen");
        Assert.True(badge.Y < 844, $"The badge is {badge.Y}px down");
        Assert.Contains("Intake to review", await row.Locator(".intake-badge").InnerTextAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(phone);
        await BrowserFixture.ScreenshotAsync(phone, "practitioner-schedule-day-phone", fullPage: false);
    }
}

using ClinicBooking.BrowserTests.Kit;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Domain.Intake;
using Microsoft.Playwright;

namespace ClinicBooking.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class IntakeBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_patient_fills_the_whole_intake_by_its_labels_and_sees_same_day_guidance_at_once()
    {
        var page = await fixture.NewPageAsync(390, 844);
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await Journeys.SignInAsync(page, "pat@clinic.test");

        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(fixture.App.Clock.GetUtcNow().UtcDateTime, zone));
        var answers = IntakeKit.CalmAnswers(today);
        answers["wet_diapers_24h"] = "2";
        answers["medications_text"] = "<script>alert(1)</script>";

        await page.GotoAsync("/intake");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start" }).ClickAsync();
        foreach (var section in IntakeForm.Sections)
        {
            await Journeys.ArriveAtAsync(page, $@"/intake/{section.Key}$");
            Assert.Equal(section.Title, await page.InnerTextAsync("h1"));
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            foreach (var field in section.Fields.Where(f => answers.GetValueOrDefault(f.Key) is { Length: > 0 }))
            {
                await Journeys.AnswerAsync(page, field, answers[field.Key]);
            }

            if (section.Key == "baby")
            {
                await BrowserFixture.ScreenshotAsync(page, "intake-baby-filled");
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
            if (section.Key == "diapers")
            {
                // Too few wet diapers: the guidance comes at once, before the questionnaire goes on.
                await Journeys.ArriveAtAsync(page, @"/intake/urgent");
                Assert.Contains("Please contact your baby's doctor or midwife today", await page.GetByRole(AriaRole.Alert).InnerTextAsync());
                await Accessibility.AssertNoSeriousViolationsAsync(page);
            }

            await Journeys.CarryOnPastUrgentGuidanceAsync(page, section.Key);
        }

        await Journeys.ArriveAtAsync(page, @"/intake/review$");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("I agree that the clinic stores these answers").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit intake" }).ClickAsync();

        await Journeys.ArriveAtAsync(page, @"/intake/submitted$");
        var alert = page.GetByRole(AriaRole.Alert);
        Assert.Contains("Please contact your baby's doctor or midwife today", await alert.InnerTextAsync());
        Assert.Contains("2 wet diapers in 24 hours", await alert.InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(page, "intake-submitted-same-day");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The script typed into a free-text field is shown as text wherever it appears, and never runs.
        await page.GotoAsync("/intake/review");
        Assert.Contains("<script>alert(1)</script>", await page.InnerTextAsync("main"));
        await page.GotoAsync("/intake/health");
        Assert.Equal("<script>alert(1)</script>", await page.GetByLabel("Other medicines and supplements you take").InputValueAsync());
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task A_step_with_an_error_keeps_what_was_typed_and_links_the_summary_to_the_field()
    {
        var page = await fixture.NewPageAsync();
        await Journeys.SignInAsync(page, "pat@clinic.test");
        await page.GotoAsync("/intake/feeding");
        await page.GetByLabel("How many times did baby feed in the last 24 hours? (required)", new() { Exact = true }).FillAsync("lots");
        await page.GetByLabel("Longest time between two feeds").FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        var summary = page.Locator(".error-summary");
        Assert.Contains("Enter a whole number", await summary.InnerTextAsync());
        Assert.Equal("4", await page.GetByLabel("Longest time between two feeds").InputValueAsync());
        Assert.Equal("lots", await page.GetByLabel("How many times did baby feed in the last 24 hours? (required)", new() { Exact = true }).InputValueAsync());
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }
}

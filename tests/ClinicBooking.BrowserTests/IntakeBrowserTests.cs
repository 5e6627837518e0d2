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
        await SignInAsync(page, "pat@clinic.test");

        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(fixture.App.Clock.GetUtcNow().UtcDateTime, zone));
        var answers = IntakeKit.CalmAnswers(today);
        answers["wet_diapers_24h"] = "2";
        answers["medications_text"] = "<script>alert(1)</script>";

        await page.GotoAsync("/intake");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start" }).ClickAsync();
        foreach (var section in IntakeForm.Sections)
        {
            await page.WaitForURLAsync($"**/intake/{section.Key}");
            Assert.Equal(section.Title, await page.InnerTextAsync("h1"));
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            foreach (var field in section.Fields.Where(f => answers.GetValueOrDefault(f.Key) is { Length: > 0 }))
            {
                await AnswerAsync(page, field, answers[field.Key]);
            }

            if (section.Key == "baby")
            {
                await BrowserFixture.ScreenshotAsync(page, "intake-baby-filled");
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        }

        await page.WaitForURLAsync("**/intake/review");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("I agree that the clinic stores these answers").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit intake" }).ClickAsync();

        await page.WaitForURLAsync("**/intake/submitted");
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
        await SignInAsync(page, "pat@clinic.test");
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

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Accounts.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Login", StringComparison.Ordinal));
    }

    /// <summary>Answers one question the way a screen-reader user would: by its label or its group's legend.</summary>
    private static async Task AnswerAsync(IPage page, IntakeField field, string value)
    {
        var label = field.Label + (field.Required ? " (required)" : "");
        switch (field.Kind)
        {
            case FieldKind.YesNo:
            case FieldKind.Choice:
            {
                var group = page.GetByRole(AriaRole.Group, new() { Name = label, Exact = true });
                var option = field.Kind == FieldKind.YesNo ? (value == "yes" ? "Yes" : "No") : field.Choices.Single(o => o.Value == value).Label;
                await group.GetByRole(AriaRole.Radio, new() { Name = option, Exact = true }).CheckAsync();
                break;
            }

            case FieldKind.Multi:
            {
                var group = page.GetByRole(AriaRole.Group, new() { Name = label, Exact = true });
                foreach (var v in value.Split(','))
                {
                    await group.GetByRole(AriaRole.Checkbox, new() { Name = field.Choices.Single(o => o.Value == v).Label, Exact = true }).CheckAsync();
                }

                break;
            }

            case FieldKind.Scale:
                await page.GetByLabel(label, new() { Exact = true }).SelectOptionAsync(value);
                break;
            default:
                await page.GetByLabel(label, new() { Exact = true }).FillAsync(value);
                break;
        }
    }
}

using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Domain.Intake;
using Microsoft.Playwright;

namespace ClinicBooking.BrowserTests.Kit;

/// <summary>Steps a person takes in the browser, shared by the journeys.</summary>
public static class Journeys
{
    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Accounts.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Login", StringComparison.Ordinal));
    }

    /// <summary>Answers one question the way a screen-reader user would: by its label or its group's legend.</summary>
    public static async Task AnswerAsync(IPage page, IntakeField field, string value)
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

    /// <summary>An answer that needs help now shows guidance between steps; a reader then carries on.</summary>
    public static async Task CarryOnPastUrgentGuidanceAsync(IPage page)
    {
        await page.WaitForLoadStateAsync();
        if (page.Url.Contains("/intake/urgent", StringComparison.Ordinal))
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Carry on with the questionnaire" }).ClickAsync();
        }
    }

    /// <summary>Fills and saves every intake step by label, then submits with consent.</summary>
    public static async Task FillAndSubmitIntakeAsync(IPage page, IReadOnlyDictionary<string, string> answers)
    {
        foreach (var section in IntakeForm.Sections)
        {
            await page.WaitForURLAsync($"**/intake/{section.Key}");
            foreach (var field in section.Fields.Where(f => answers.GetValueOrDefault(f.Key) is { Length: > 0 }))
            {
                await AnswerAsync(page, field, answers[field.Key]);
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
            await CarryOnPastUrgentGuidanceAsync(page);
        }

        await page.WaitForURLAsync("**/intake/review");
        await page.GetByLabel("I agree that the clinic stores these answers").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit intake" }).ClickAsync();
        await page.WaitForURLAsync("**/intake/submitted");
    }
}

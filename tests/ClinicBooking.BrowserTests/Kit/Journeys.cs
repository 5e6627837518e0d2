using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Domain.Intake;
using System.Text.RegularExpressions;
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
        // Signed in when the page holds the sign-out form (a wrong password leaves the sign-in form and its message).
        try
        {
            // By its form, not its role: in the collapsed menu the button is hidden, and role queries skip hidden elements.
            await Assertions.Expect(page.Locator("form[action*='/Account/Logout'] button")).ToBeAttachedAsync();
        }
        catch (PlaywrightException e)
        {
            // Say where the browser is and what it shows: "not found" alone does not tell a refused sign-in from a slow one.
            var text = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 });
            throw new InvalidOperationException($"{email} is not signed in: the page is {page.Url}, showing: {text[..Math.Min(400, text.Length)]}", e);
        }
    }

    /// <summary>
    /// Waits until the address matches <paramref name="pattern"/> (a regular expression). Not WaitForURLAsync or
    /// WaitForLoadStateAsync: they check the page and then subscribe to its events on different threads, and can miss
    /// the event they wait for (microsoft/playwright-dotnet#3364; it failed a CI run here). Playwright's expect polls
    /// inside the driver instead, and what comes next waits for its own element.
    /// </summary>
    public static Task ArriveAtAsync(IPage page, string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex(pattern));

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
    public static async Task CarryOnPastUrgentGuidanceAsync(IPage page, string fromSection)
    {
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex($"/intake/{fromSection}$"));
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
            await ArriveAtAsync(page, $@"/intake/{section.Key}$");
            foreach (var field in section.Fields.Where(f => answers.GetValueOrDefault(f.Key) is { Length: > 0 }))
            {
                await AnswerAsync(page, field, answers[field.Key]);
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
            await CarryOnPastUrgentGuidanceAsync(page, section.Key);
        }

        await ArriveAtAsync(page, @"/intake/review$");
        await page.GetByLabel("I agree that the clinic stores these answers").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit intake" }).ClickAsync();
        await ArriveAtAsync(page, @"/intake/submitted$");
    }
}

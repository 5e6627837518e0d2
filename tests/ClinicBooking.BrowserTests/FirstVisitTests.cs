using ClinicBooking.BrowserTests.Kit;

namespace ClinicBooking.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class FirstVisitTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_visitor_goes_from_home_to_the_information_page_to_sign_up()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Equal("Support for low milk supply, alongside your care team", await page.InnerTextAsync("h1"));

        await page.ClickAsync("text=Read about low milk supply");
        await Journeys.ArriveAtAsync(page, @"/lactation\-deficiency$");
        Assert.True(await page.IsVisibleAsync("h2:has-text('When to get help now')"));

        await page.ClickAsync("text=Create account");
        await Journeys.ArriveAtAsync(page, @"/Identity/Account/Register");
        Assert.True(await page.IsVisibleAsync("label:has-text('Your name')"));
        var path = await BrowserFixture.ScreenshotAsync(page, "sign-up");
        Assert.True(new FileInfo(path).Length > 1000);
    }

    [Fact]
    public async Task Sign_up_errors_show_next_to_the_fields_and_in_a_summary()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await page.GotoAsync("/Identity/Account/Register");
        await page.ClickAsync("#registerSubmit");
        await page.WaitForSelectorAsync(".validation-summary-errors");
        Assert.Contains("Enter your name.", await page.InnerTextAsync("#name-error"));
        Assert.Contains("Enter your name.", await page.InnerTextAsync(".validation-summary-errors"));
    }

    [Theory]
    [InlineData("/", 1280)]
    [InlineData("/lactation-deficiency", 1280)]
    [InlineData("/lactation-deficiency", 390)]
    [InlineData("/Identity/Account/Register", 390)]
    [InlineData("/Identity/Account/Login", 390)]
    public async Task Axe_finds_no_serious_or_critical_violation(string url, int width)
    {
        var page = await fixture.NewPageAsync(width);
        await page.GotoAsync(url);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task Pages_run_no_inline_script_and_break_no_content_security_policy()
    {
        var page = await fixture.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };
        foreach (var url in new[] { "/", "/lactation-deficiency", "/Identity/Account/Login", "/Identity/Account/Register" })
        {
            await page.GotoAsync(url);
        }

        Assert.Empty(violations);
    }
}

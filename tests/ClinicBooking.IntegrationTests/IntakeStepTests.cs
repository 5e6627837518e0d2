using System.Net;
using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Domain.Intake;
using Microsoft.EntityFrameworkCore;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// Each step says what it still needs, and a required warning-sign question is never left for Submit: its step is
/// not saved without it.
/// </summary>
public sealed class IntakeStepTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpClient> PatientAsync()
    {
        var client = _app.CreateBrowserlikeClient();
        await client.SignInAsync("pat@clinic.test");
        return client;
    }

    private static List<string> WarningSignKeys() =>
        IntakeForm.Sections.SelectMany(s => s.Fields).Where(IntakeForm.MustAnswerOnSave).Select(f => f.Key).ToList();

    public static TheoryData<string> WarningSigns() => new(WarningSignKeys());

    [Fact]
    public void The_warning_signs_named_in_the_issue_are_all_required_yes_no_questions()
    {
        var keys = WarningSignKeys();
        foreach (var key in new[] { "baby_emergency_signs", "baby_rash", "baby_green_vomit", "bleeding_now", "chest_pain_breathing",
                     "harm_thoughts", "parent_seizure", "breast_severe", "parent_headache_vision", "parent_leg" })
        {
            Assert.Contains(key, keys);
        }
    }

    [Theory]
    [MemberData(nameof(WarningSigns))]
    public async Task A_step_with_an_unanswered_warning_sign_is_refused_with_a_message_beside_it(string key)
    {
        var client = await PatientAsync();
        var section = IntakeForm.Sections.Single(s => s.Fields.Any(f => f.Key == key));
        var answers = IntakeKit.CalmAnswers(_app.Today());
        answers.Remove(key);

        var response = await client.SaveStepAsync(section.Key, answers);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Forms.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(IntakeValidator.WarningSignUnanswered, page.QuerySelector($"#f_{key}_error")!.TextContent);
        Assert.NotNull(page.QuerySelector($".error-summary a[href='#f_{key}']"));
        // Nothing of the step was kept.
        Assert.Equal(0, await _app.QueryAsync(db => db.IntakeDrafts.CountAsync()));

        // Answered, the same step saves.
        answers[key] = "no";
        Assert.Equal(HttpStatusCode.Redirect, (await client.SaveStepAsync(section.Key, answers)).StatusCode);
    }

    [Fact]
    public async Task Other_required_questions_may_wait_and_the_next_page_says_what_the_step_still_needs()
    {
        var client = await PatientAsync();
        var answers = IntakeKit.CalmAnswers(_app.Today());
        answers.Remove("feeds_24h");
        var saved = await client.SaveStepAsync("feeding", answers);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var next = saved.Headers.Location!.OriginalString;
        Assert.Equal("/intake/supplements", next);

        var page = await client.GetDocumentAsync(next);
        var notice = page.QuerySelector("#step-notice")!;
        Assert.Contains("Step 3 of", notice.TextContent);
        Assert.Contains("still needs", notice.TextContent);
        var link = Assert.Single(notice.QuerySelectorAll("a"));
        Assert.Equal("/intake/feeding#f_feeds_24h", link.GetAttribute("href"));
        Assert.Equal(IntakeForm.Fields["feeds_24h"].Label, link.TextContent);
        // Said once, not on every later page.
        Assert.Null((await client.GetDocumentAsync(next)).QuerySelector("#step-notice"));

        // "Save and go back" says it on the step before.
        var about = IntakeKit.CalmAnswers(_app.Today());
        var back = await client.SaveStepAsync("baby", new Dictionary<string, string>(about.Where(a => a.Key != "birth_weight_g")), "back");
        Assert.Equal("/intake/about", back.Headers.Location!.OriginalString);
        Assert.Contains("/intake/baby#f_birth_weight_g",
            (await client.GetDocumentAsync("/intake/about")).QuerySelector("#step-notice a")!.GetAttribute("href"));

        // A step answered in full says nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await client.SaveStepAsync("feeding", IntakeKit.CalmAnswers(_app.Today()))).StatusCode);
        Assert.Null((await client.GetDocumentAsync("/intake/supplements")).QuerySelector("#step-notice"));
    }
}

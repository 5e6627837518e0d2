using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests;

/// <summary>
/// The home page's "Worried about your baby today?" gives each sign the tier the intake gives the same answers:
/// "call emergency services now" for Emergency, "today" for Same day (it once said "now" for a sleepy baby).
/// </summary>
public sealed class HomePageAdviceTests : IAsyncLifetime
{
    private readonly ClinicAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string, string, FlagTier, string[]> Advice => new()
    {
        // The sentence's id, a phrase in it, the tier the intake gives, and answers that say the same thing (age in days as "age=").
        { "urgent-emergency", "very hard to wake, floppy or struggling to breathe", FlagTier.Emergency, ["baby_emergency_signs=yes"] },
        { "urgent-emergency", "under 3 months old and has a temperature of 38 °C (100.4 °F) or more", FlagTier.Emergency, ["age=89", "baby_fever=yes"] },
        { "urgent-today", "often too sleepy to feed", FlagTier.SameDay, ["baby_sleepy_feeds=yes"] },
        { "urgent-today", "fewer wet diapers than expected", FlagTier.SameDay, ["age=10", "wet_diapers_24h=5"] },
    };

    [Theory]
    [MemberData(nameof(Advice))]
    public async Task Each_sign_on_the_home_page_has_the_tier_the_intake_gives_it(string sentenceId, string phrase, FlagTier tier, string[] answers)
    {
        var page = await _app.CreateBrowserlikeClient().GetDocumentAsync("/");
        var sentence = page.QuerySelector($"aside[aria-labelledby=urgent] #{sentenceId}")!.TextContent;
        Assert.Contains(phrase, Normalise(sentence));

        var clock = _app.Services.GetRequiredService<ClinicClock>();
        var values = answers.Select(a => a.Split('=')).ToDictionary(
            p => p[0] == "age" ? "baby_dob" : p[0],
            p => p[0] == "age" ? clock.Today.AddDays(-int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd") : p[1]);
        var assessed = _app.Services.GetRequiredService<IntakeAssessor>().Assess(new IntakeAnswers(values), clock.LocalNow);
        Assert.Equal(tier, assessed.HighestTier);
    }

    [Fact]
    public async Task Emergency_advice_says_now_and_same_day_advice_says_today_never_now()
    {
        var page = await _app.CreateBrowserlikeClient().GetDocumentAsync("/");
        var emergency = Normalise(page.QuerySelector("#urgent-emergency")!.TextContent);
        var today = Normalise(page.QuerySelector("#urgent-today")!.TextContent);
        Assert.StartsWith("Call emergency services now if", emergency);
        Assert.StartsWith("Contact your baby's doctor or midwife today if", today);
        Assert.DoesNotContain("now", today);
        // Every sentence of advice on the page is one of the two checked above.
        Assert.Equal(Advice.Select(row => (string)row[0]).Distinct().Order(),
            page.QuerySelectorAll("aside[aria-labelledby=urgent] p[id]").Select(p => p.Id!).Order());
    }

    private static string Normalise(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
}

using ClinicBooking.Web.Domain.Intake;

namespace ClinicBooking.UnitTests.Intake;

/// <summary>The information page's "when to get help now" says what the intake's rules do, tier for tier.</summary>
public sealed class InformationPageAgreementTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly DateTime Now = Today.ToDateTime(new TimeOnly(15, 0));

    // The Web project copies its Markdown to every referencing project's output.
    private static readonly string Page = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Content", "lactation-deficiency.md"));

    private static string Section(string heading)
    {
        var start = Page.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No \"{heading}\" on the information page");
        var body = Page.IndexOf('\n', start);
        // The list ends at the next bold heading or the next section, whichever comes first.
        var ends = new[] { Page.IndexOf("**", body, StringComparison.Ordinal), Page.IndexOf("## ", body, StringComparison.Ordinal) };
        return Page[start..ends.Where(e => e >= 0).DefaultIfEmpty(Page.Length).Min()];
    }

    private static FlagTier? TierOf(params (string Key, string Value)[] answers) =>
        new IntakeAssessor(new IntakeThresholds()).Assess(new IntakeAnswers(answers.ToDictionary(a => a.Key, a => a.Value)), Now).HighestTier;

    [Theory]
    [InlineData("yellow (jaundice) in the first 24 hours")]
    [InlineData("under 3 months old and has a temperature of 38 °C (100.4 °F)")]
    [InlineData("rash that does not fade when you press a clear glass")]
    [InlineData("vomits green")]
    [InlineData("better off dead")]
    [InlineData("a seizure")]
    [InlineData("soft lump that feels full of fluid")]
    public void The_emergency_list_names_each_emergency_rule(string text)
    {
        Assert.Contains(text, Section("**Call emergency services now if:**"));
    }

    [Theory]
    [InlineData("no wet\n  diaper for more than 6 hours (first 4 weeks) or more than 8 hours (under 3 months)")]
    [InlineData("3 months or older and has a temperature")]
    [InlineData("no dirty diaper for 24 hours in the first 2 months")]
    [InlineData("dry mouth, or the soft spot on top of the head looks sunken")]
    [InlineData("feeds fewer than 6 times in 24 hours")]
    [InlineData("goes 5 hours or more")]
    public void The_same_day_list_names_the_baby_rules(string text)
    {
        Assert.Contains(text, Section("**Contact your baby's doctor or midwife today if:**"));
    }

    [Theory]
    [InlineData("severe headache")]
    [InlineData("legs is red, swollen or painful")]
    [InlineData("red, hot, or leaking")]
    public void The_parent_now_list_names_the_warning_signs_the_intake_asks(string text)
    {
        Assert.Contains(text, Section("**Contact your own doctor or midwife now"));
    }

    [Theory]
    [InlineData("temperature of 38 °C (100.4 °F) or more")]
    [InlineData("feel unwell, flu-like")]
    [InlineData("the redness is spreading fast")]
    [InlineData("go to an urgent care clinic")]
    public void The_parent_today_list_names_fever_and_a_red_breast_with_feeling_unwell(string text)
    {
        Assert.Contains(text, Section("**Contact your own doctor or midwife today if:**"));
    }

    [Fact]
    public void First_day_jaundice_and_fever_under_3_months_are_emergencies_in_the_intake_as_on_the_page()
    {
        Assert.Equal(FlagTier.Emergency, TierOf(("baby_dob", Today.AddDays(-1).ToString("yyyy-MM-dd")), ("baby_birth_time", "20:00"), ("jaundice", "mild")));
        Assert.Equal(FlagTier.Emergency, TierOf(("baby_dob", Today.AddDays(-89).ToString("yyyy-MM-dd")), ("baby_fever", "yes")));
        Assert.Equal(FlagTier.SameDay, TierOf(("baby_dob", Today.AddDays(-90).ToString("yyyy-MM-dd")), ("baby_fever", "yes")));
        Assert.Equal(FlagTier.SameDay, TierOf(("parent_headache_vision", "yes")));
        Assert.Equal(FlagTier.SameDay, TierOf(("breast_red_hot", "yes"), ("parent_unwell", "yes")));
        var sameDay = Section("**Contact your baby's doctor or midwife today if:**");
        Assert.DoesNotContain("first day", sameDay);
        Assert.DoesNotContain("first 24 hours", sameDay);
    }

    [Fact]
    public void The_feed_counts_on_the_page_are_the_intakes_thresholds()
    {
        var t = new IntakeThresholds();
        string Born(int days) => Today.AddDays(-days).ToString("yyyy-MM-dd");
        Assert.DoesNotContain("6 to 8", Page);
        var weeks = t.NewbornMaxAgeDays / 7;
        Assert.Contains($"is {weeks} weeks old or younger and feeds fewer than {t.MinFeedsSameDay} times in 24 hours",
            Section("**Contact your baby's doctor or midwife today if:**"));
        Assert.Contains($"is {weeks} weeks old or younger and feeds {t.MinFeedsSameDay} or {t.MinFeedsPerDay - 1} times in 24 hours",
            Section("**See a lactation consultant or your baby's doctor soon"));

        Assert.Equal(FlagTier.SameDay, TierOf(("baby_dob", Born(t.NewbornMaxAgeDays)), ("feeds_24h", $"{t.MinFeedsSameDay - 1}")));
        Assert.Equal(FlagTier.Refer, TierOf(("baby_dob", Born(t.NewbornMaxAgeDays)), ("feeds_24h", $"{t.MinFeedsSameDay}")));
        Assert.Equal(FlagTier.Refer, TierOf(("baby_dob", Born(t.NewbornMaxAgeDays)), ("feeds_24h", $"{t.MinFeedsPerDay - 1}")));
        Assert.Null(TierOf(("baby_dob", Born(t.NewbornMaxAgeDays)), ("feeds_24h", $"{t.MinFeedsPerDay}")));
        Assert.Null(TierOf(("baby_dob", Born(t.NewbornMaxAgeDays + 1)), ("feeds_24h", $"{t.MinFeedsSameDay - 1}")));
    }

    [Fact]
    public void The_new_signs_on_the_page_have_the_pages_tier_in_the_intake()
    {
        Assert.Equal(FlagTier.Emergency, TierOf(("parent_seizure", "yes")));
        Assert.Equal(FlagTier.Emergency, TierOf(("breast_red_hot", "yes"), ("breast_severe", "yes")));
        Assert.Equal(FlagTier.SameDay, TierOf(("breast_red_hot", "yes"), ("breast_not_improving", "yes")));
        Assert.Equal(FlagTier.SameDay, TierOf(("baby_dry_mouth", "yes")));
        Assert.Equal(FlagTier.SameDay, TierOf(("baby_dob", Today.AddDays(-28).ToString("yyyy-MM-dd")), ("longest_gap_hours", "5")));
    }
}

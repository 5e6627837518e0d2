using ClinicBooking.Web.Domain.Intake;

namespace ClinicBooking.UnitTests.Intake;

public sealed class AssessmentTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    /// <summary>The clinic's local time at assessment: mid-afternoon, so "born yesterday" is 15 to 39 hours old.</summary>
    private static readonly DateTime Now = Today.ToDateTime(new TimeOnly(15, 0));
    private readonly IntakeAssessor _assessor = new(new IntakeThresholds());

    private static IntakeAnswers Answers(params (string Key, string Value)[] values) =>
        new(values.ToDictionary(v => v.Key, v => v.Value));

    private static string Born(int daysAgo) => Today.AddDays(-daysAgo).ToString("yyyy-MM-dd");

    private IntakeAssessment Assess(params (string, string)[] values) => _assessor.Assess(Answers(values), Now);

    private static bool Fired(IntakeAssessment a, FlagTier tier, string ruleFragment) =>
        a.RedFlags.Any(f => f.Tier == tier && f.Rule.Contains(ruleFragment, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void A_baby_born_today_is_zero_days_old_with_day_one_minimums()
    {
        var a = Assess(("baby_dob", Born(0)), ("wet_diapers_24h", "1"), ("dirty_diapers_24h", "1"), ("feeds_24h", "8"));
        Assert.Equal(0, a.Figures.AgeDays);
        Assert.Equal(1, a.Figures.Wet!.Minimum);
        Assert.Equal(1, a.Figures.Dirty!.Minimum);
        Assert.Equal(8, a.Figures.MinimumFeeds);
        Assert.Empty(a.RedFlags);
    }

    [Fact]
    public void Weight_figures_are_derived_from_birth_lowest_and_latest_weights()
    {
        var a = Assess(("baby_dob", Born(10)), ("birth_weight_g", "3500"), ("lowest_weight_g", "3220"),
            ("lowest_weight_date", Born(7)), ("latest_weight_g", "3400"), ("latest_weight_date", Born(1)));
        Assert.Equal(-8.0m, a.Figures.PercentChangeAtLowest);
        Assert.Equal(-2.86m, a.Figures.PercentChangeLatest);
        Assert.Equal(30.0m, a.Figures.GramsPerDaySinceLowest);
    }

    [Fact]
    public void Without_a_lowest_weight_the_latest_weight_still_gives_the_change_from_birth()
    {
        var a = Assess(("baby_dob", Born(4)), ("birth_weight_g", "3000"), ("latest_weight_g", "2670"), ("latest_weight_date", Born(0)));
        Assert.Null(a.Figures.PercentChangeAtLowest);
        Assert.Equal(-11.0m, a.Figures.PercentChangeLatest);
        Assert.Null(a.Figures.GramsPerDaySinceLowest);
        Assert.True(Fired(a, FlagTier.SameDay, "Weight loss of 11%"));
    }

    [Fact]
    public void A_preterm_baby_is_referred_and_gets_the_longer_jaundice_allowance()
    {
        var at18Days = Assess(("baby_dob", Born(18)), ("gestation_weeks", "34"), ("jaundice", "mild"));
        Assert.True(at18Days.Figures.Preterm);
        Assert.True(Fired(at18Days, FlagTier.Refer, "Born before 37 weeks"));
        Assert.False(Fired(at18Days, FlagTier.SameDay, "Jaundice still present"));

        var termAt18Days = Assess(("baby_dob", Born(18)), ("gestation_weeks", "39"), ("jaundice", "mild"));
        Assert.True(Fired(termAt18Days, FlagTier.SameDay, "Jaundice still present"));

        var pretermAt22Days = Assess(("baby_dob", Born(22)), ("gestation_weeks", "34"), ("jaundice", "mild"));
        Assert.True(Fired(pretermAt22Days, FlagTier.SameDay, "Jaundice still present"));
    }

    [Theory]
    [InlineData(2700, false, false)] // exactly 10% lost: refer (over 7%), not same day
    [InlineData(2699, true, false)]  // just over 10%
    [InlineData(2790, false, true)]  // exactly 7% lost: neither same day nor refer
    public void Weight_loss_is_same_day_only_above_ten_percent(int lowest, bool sameDay, bool neither)
    {
        var a = Assess(("baby_dob", Born(4)), ("birth_weight_g", "3000"), ("lowest_weight_g", lowest.ToString()),
            ("lowest_weight_date", Born(1)));
        Assert.Equal(sameDay, Fired(a, FlagTier.SameDay, "Weight loss"));
        if (neither)
        {
            Assert.DoesNotContain(a.RedFlags, f => f.Rule.StartsWith("Weight loss", StringComparison.Ordinal));
        }
        else if (!sameDay)
        {
            Assert.True(Fired(a, FlagTier.Refer, "Weight loss of 10%"));
        }
    }

    [Fact]
    public void A_baby_back_above_birth_weight_raises_no_weight_loss_flag_for_an_earlier_dip()
    {
        var a = Assess(("baby_dob", Born(20)), ("birth_weight_g", "3400"), ("lowest_weight_g", "3100"), ("lowest_weight_date", Born(16)),
            ("latest_weight_g", "3500"), ("latest_weight_date", Born(1)));
        Assert.Equal(-8.82m, a.Figures.PercentChangeAtLowest);
        Assert.DoesNotContain(a.RedFlags, f => f.Rule.StartsWith("Weight loss", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(89, FlagTier.Emergency)]
    [InlineData(90, FlagTier.SameDay)]
    [InlineData(91, FlagTier.SameDay)]
    public void Fever_is_an_emergency_only_under_ninety_days(int ageDays, FlagTier expected)
    {
        var a = Assess(("baby_dob", Born(ageDays)), ("baby_fever", "yes"));
        Assert.Equal(expected, a.HighestTier);
        Assert.Empty(Assess(("baby_dob", Born(ageDays)), ("baby_fever", "no")).RedFlags);
    }

    [Theory]
    [InlineData(0, 1, 1, false)]  // day 1: 1 wet and 1 dirty needed
    [InlineData(0, 0, 1, true)]
    [InlineData(0, 1, 0, true)]
    [InlineData(3, 4, 4, false)]  // day 4: 4 and 4
    [InlineData(3, 3, 4, true)]
    [InlineData(4, 6, 4, false)]  // day 5: 6 wet
    [InlineData(4, 5, 4, true)]
    [InlineData(20, 6, 3, true)]  // 3 dirty at 3 weeks is below 4
    [InlineData(42, 6, 3, true)]  // the four-stool minimum runs to 6 weeks
    [InlineData(43, 6, 3, false)] // and stops after it
    public void Diapers_are_checked_against_the_day_of_life_minimum(int ageDays, int wet, int dirty, bool flagged)
    {
        var a = Assess(("baby_dob", Born(ageDays)), ("wet_diapers_24h", wet.ToString()), ("dirty_diapers_24h", dirty.ToString()));
        Assert.Equal(flagged, a.RedFlags.Any(f => f.Tier == FlagTier.SameDay
            && f.Id is RuleIds.WetDiapersBelowMinimum or RuleIds.DirtyDiapersBelowMinimum));
    }

    [Theory]
    [InlineData(20, 0, RuleIds.DirtyDiapersBelowMinimum)] // below the day-of-life minimum: that rule says it
    [InlineData(43, 0, RuleIds.NoStool24Hours)]
    [InlineData(60, 0, RuleIds.NoStool24Hours)]           // the first 2 months (DOMAIN.md §3.1)
    [InlineData(61, 0, null)]                            // past 2 months
    [InlineData(60, 1, null)]
    public void No_stool_for_24_hours_is_same_day_through_the_first_two_months(int ageDays, int dirty, string? expected)
    {
        var a = Assess(("baby_dob", Born(ageDays)), ("wet_diapers_24h", "6"), ("dirty_diapers_24h", dirty.ToString()));
        Assert.Equal(expected, a.RedFlags.SingleOrDefault()?.Id);
        Assert.Equal(expected is null ? null : FlagTier.SameDay, a.HighestTier);
    }

    [Theory]
    [InlineData(19.9, 6, true)]
    [InlineData(20, 6, false)]
    [InlineData(10, 5, false)] // the rule starts after day 5
    public void Slow_gain_after_day_five_is_referred(decimal gramsPerDay, int ageDays, bool referred)
    {
        var days = 10;
        var latest = 3000 + (int)(gramsPerDay * days);
        var a = _assessor.Assess(Answers(("baby_dob", Born(ageDays)), ("lowest_weight_g", "3000"),
            ("lowest_weight_date", Today.AddDays(-days).ToString("yyyy-MM-dd")), ("latest_weight_g", latest.ToString()),
            ("latest_weight_date", Today.ToString("yyyy-MM-dd"))), Now);
        Assert.Equal(referred, Fired(a, FlagTier.Refer, "Gaining"));
    }

    [Theory]
    [InlineData(13, 2900, false)]
    [InlineData(14, 2900, true)]
    [InlineData(14, 3000, false)]
    [InlineData(30, 2999, true)]
    public void Not_back_to_birth_weight_at_a_weighing_from_day_fourteen_is_referred(int ageAtWeighing, int latest, bool referred)
    {
        var a = Assess(("baby_dob", Born(40)), ("birth_weight_g", "3000"), ("latest_weight_g", latest.ToString()),
            ("latest_weight_date", Born(40 - ageAtWeighing)));
        Assert.Equal(ageAtWeighing, a.Figures.AgeDaysAtLatestWeight);
        Assert.Equal(referred, a.RedFlags.Any(f => f.Id == RuleIds.NotBackToBirthWeight && f.Tier == FlagTier.Refer));
    }

    [Fact]
    public void A_weight_from_day_ten_is_not_judged_by_todays_age()
    {
        // 20 days old today, but the only weight is from day 10: too early to expect birth weight back.
        var a = Assess(("baby_dob", Born(20)), ("birth_weight_g", "3000"), ("latest_weight_g", "2950"), ("latest_weight_date", Born(10)));
        Assert.Equal(10, a.Figures.AgeDaysAtLatestWeight);
        Assert.DoesNotContain(a.RedFlags, f => f.Id == RuleIds.NotBackToBirthWeight);
    }

    [Theory]
    [InlineData(10, 7, true)]
    [InlineData(10, 8, false)]
    [InlineData(40, 5, false)] // beyond the newborn period
    public void Fewer_than_eight_feeds_in_a_newborn_are_referred(int ageDays, int feeds, bool referred)
    {
        var a = Assess(("baby_dob", Born(ageDays)), ("feeds_24h", feeds.ToString()));
        Assert.Equal(referred, Fired(a, FlagTier.Refer, "feeds in 24 hours"));
        Assert.Equal(referred, a.Factors.Any(f => f.Factor == ContributingFactor.IrregularBreastfeedingSessions));
    }

    [Theory]
    [InlineData("harm_thoughts", FlagTier.Emergency)]
    [InlineData("baby_emergency_signs", FlagTier.Emergency)]
    [InlineData("bleeding_now", FlagTier.Emergency)]
    [InlineData("chest_pain_breathing", FlagTier.Emergency)]
    [InlineData("baby_sleepy_feeds", FlagTier.SameDay)]
    [InlineData("dark_urine", FlagTier.SameDay)]
    [InlineData("parent_fever", FlagTier.SameDay)]
    public void A_yes_to_a_warning_sign_raises_its_tier_and_a_no_raises_nothing(string key, FlagTier tier)
    {
        Assert.Equal(tier, Assess((key, "yes")).HighestTier);
        Assert.Empty(Assess((key, "no")).RedFlags);
    }

    [Fact]
    public void Thoughts_of_harm_show_crisis_guidance_with_the_configured_numbers()
    {
        var assessor = new IntakeAssessor(new IntakeThresholds { EmergencyNumber = "112", CrisisLine = "the crisis line on 0800 000" });
        var flag = assessor.Assess(Answers(("harm_thoughts", "yes")), Now).RedFlags.Single();
        Assert.Equal(FlagTier.Emergency, flag.Tier);
        Assert.Contains("call 112", flag.Guidance);
        Assert.Contains("0800 000", flag.Guidance);
    }

    [Fact]
    public void Jaundice_in_the_first_day_is_an_emergency_and_spreading_jaundice_later_is_same_day()
    {
        Assert.Equal(FlagTier.Emergency, Assess(("baby_dob", Born(0)), ("jaundice", "mild")).HighestTier);
        Assert.Equal(FlagTier.SameDay, Assess(("baby_dob", Born(5)), ("jaundice", "spreading")).HighestTier);
        Assert.Empty(Assess(("baby_dob", Born(5)), ("jaundice", "mild")).RedFlags);
        Assert.Equal(FlagTier.SameDay, Assess(("stool_colour", "pale")).HighestTier);
    }

    [Theory]
    [InlineData("yes", "no")]
    [InlineData("no", "yes")]
    public void A_red_hot_breast_with_fever_or_feeling_unwell_is_flagged_as_possible_mastitis(string fever, string unwell)
    {
        var a = Assess(("breast_red_hot", "yes"), ("parent_fever", fever), ("parent_unwell", unwell));
        var flag = Assert.Single(a.RedFlags);
        Assert.Equal(RuleIds.MastitisWithFever, flag.Id);
        Assert.Equal(FlagTier.SameDay, flag.Tier);
        Assert.Contains("mastitis", flag.Rule);
    }

    [Fact]
    public void A_red_hot_breast_or_lump_without_fever_is_a_refer_finding_among_the_flags()
    {
        var flag = Assert.Single(Assess(("breast_red_hot", "yes"), ("parent_fever", "no"), ("parent_unwell", "no")).RedFlags);
        Assert.Equal(RuleIds.BreastRedHotOrLump, flag.Id);
        Assert.Equal(FlagTier.Refer, flag.Tier);
        Assert.Empty(Assess(("breast_red_hot", "no"), ("parent_fever", "no")).RedFlags);
    }

    [Theory]
    [InlineData("1", "1", 2, false)]
    [InlineData("1", "2", 3, true)]
    [InlineData("3", "3", 6, true)]
    [InlineData("0", "0", 0, false)]
    public void Phq2_adds_the_two_items_and_is_positive_at_three(string interest, string down, int score, bool positive)
    {
        var a = Assess(("phq_interest", interest), ("phq_down", down));
        Assert.Equal(score, a.Phq2Score);
        Assert.Equal(positive, a.Phq2Positive);
        Assert.Equal(positive, a.RedFlags.Any(f => f.Id == RuleIds.LowMoodScreenPositive && f.Tier == FlagTier.Refer));
        Assert.Equal(positive, Fired(a, FlagTier.Refer, "Low mood screen positive"));
        // Its own finding: a positive mood screen is not "high stress".
        Assert.DoesNotContain(a.Factors, f => f.Factor == ContributingFactor.HighStress);
    }

    [Fact]
    public void Phq2_needs_both_items()
    {
        Assert.Null(Assess(("phq_interest", "3")).Phq2Score);
    }

    public static TheoryData<ContributingFactor, string, string, string> FactorAnswers => new()
    {
        { ContributingFactor.HormonalImbalances, "retained_placenta", "yes", "no" },
        { ContributingFactor.HormonalImbalances, "pph", "transfusion", "no" },
        { ContributingFactor.IrregularBreastfeedingSessions, "scheduled_feeds", "yes", "no" },
        { ContributingFactor.IrregularBreastfeedingSessions, "longest_gap_hours", "6", "4" },
        { ContributingFactor.ImproperLatchOn, "nipple_pain", "5", "4" },
        { ContributingFactor.ImproperLatchOn, "tongue_tie", "diagnosed", "treated" },
        { ContributingFactor.Pcos, "conditions", "pcos", "anaemia" },
        { ContributingFactor.ThyroidDisorders, "conditions", "hypothyroid", "none" },
        { ContributingFactor.Diabetes, "conditions", "insulin_resistance", "none" },
        { ContributingFactor.Diabetes, "gestational_diabetes", "yes", "no" },
        { ContributingFactor.HighStress, "stress_level", "7", "6" },
        { ContributingFactor.InadequateFluidIntake, "fluid_intake", "often_thirsty", "to_thirst" },
        { ContributingFactor.PoorNutrition, "regular_meals", "rarely", "yes" },
        { ContributingFactor.CertainMedications, "supply_reducing_medicines", "pseudoephedrine", "none" },
        { ContributingFactor.CertainMedications, "contraception", "combined", "progestin" },
    };

    [Theory]
    [MemberData(nameof(FactorAnswers))]
    public void Each_contributing_factor_is_raised_by_its_answer_with_that_answer_as_evidence_and_not_without_it(
        ContributingFactor factor, string key, string raising, string notRaising)
    {
        var raised = Assess((key, raising)).Factors.SingleOrDefault(f => f.Factor == factor);
        Assert.NotNull(raised);
        Assert.Contains(raised.Evidence, e => e.StartsWith(IntakeForm.Fields[key].Label, StringComparison.Ordinal));
        Assert.DoesNotContain(Assess((key, notRaising)).Factors, f => f.Factor == factor);
    }

    [Fact]
    public void All_ten_contributing_factors_can_be_raised()
    {
        var raisable = FactorAnswers.Select(row => (ContributingFactor)row[0]).Distinct();
        Assert.Equal(Enum.GetValues<ContributingFactor>().Order(), raisable.Order());
    }

    [Fact]
    public void The_suggested_focus_maps_factors_to_the_information_page_and_adds_co_management_for_medical_causes()
    {
        var a = Assess(("conditions", "hypothyroid"), ("stress_level", "9"), ("scheduled_feeds", "yes"));
        Assert.Contains(a.SuggestedFocus, s => s.StartsWith("Stress reduction", StringComparison.Ordinal));
        Assert.Contains(a.SuggestedFocus, s => s.Contains("IBCLC", StringComparison.Ordinal));
        Assert.Contains(a.SuggestedFocus, s => s.StartsWith("Co-manage with doctor", StringComparison.Ordinal));
        Assert.DoesNotContain(Assess(("stress_level", "9")).SuggestedFocus, s => s.StartsWith("Co-manage", StringComparison.Ordinal));
    }

    [Fact]
    public void Acupuncture_safety_answers_become_notes()
    {
        var a = Assess(("blood_thinners", "yes"), ("pacemaker", "yes"), ("needle_fear", "no"));
        Assert.Equal(2, a.SafetyNotes.Count);
        Assert.Contains(a.SafetyNotes, n => n.Contains("electro-acupuncture", StringComparison.Ordinal));
    }

    [Fact]
    public void Red_flags_come_most_urgent_first()
    {
        var a = Assess(("baby_dob", Born(10)), ("gestation_weeks", "35"), ("dark_urine", "yes"), ("harm_thoughts", "yes"));
        Assert.Equal([FlagTier.Emergency, FlagTier.SameDay, FlagTier.Refer], a.RedFlags.Select(f => f.Tier));
        Assert.True(a.NeedsUrgentAction);
    }
}

namespace ClinicBooking.Web.Domain.Intake;

public enum FlagTier
{
    /// <summary>IBCLC / doctor alongside acupuncture.</summary>
    Refer = 1,

    /// <summary>Contact baby's doctor or midwife today.</summary>
    SameDay = 2,

    /// <summary>Call emergency services now.</summary>
    Emergency = 3,
}

/// <summary>The ten contributing factors of the information page, by name (PRODUCT.md §4).</summary>
public enum ContributingFactor
{
    HormonalImbalances,
    IrregularBreastfeedingSessions,
    ImproperLatchOn,
    Pcos,
    ThyroidDisorders,
    Diabetes,
    HighStress,
    InadequateFluidIntake,
    PoorNutrition,
    CertainMedications,
}

/// <summary>
/// A red flag: the stable <see cref="Id"/> (one of <see cref="RuleIds"/>) names the rule for code, tests and staff
/// alerts; <see cref="Rule"/> says what was found in plain words and may include figures; <see cref="Guidance"/> is
/// what the parent should do.
/// </summary>
public sealed record RedFlag(string Id, FlagTier Tier, string Rule, string Guidance);

public sealed record FactorFinding(ContributingFactor Factor, string Name, IReadOnlyList<string> Evidence);

public sealed record DiaperCheck(int? Count, int Minimum)
{
    public bool BelowMinimum => Count is { } c && c < Minimum;
}

/// <summary>
/// Figures derived from the answers; null where the answers do not allow them. <see cref="AgeHours"/> needs the
/// time of birth; <see cref="AgeDaysAtLatestWeight"/> is the age on the day of the most recent weighing.
/// </summary>
public sealed record DerivedFigures(
    int? AgeDays,
    bool? Preterm,
    decimal? PercentChangeAtLowest,
    decimal? PercentChangeLatest,
    decimal? GramsPerDaySinceLowest,
    int? Feeds,
    int? MinimumFeeds,
    DiaperCheck? Wet,
    DiaperCheck? Dirty,
    int? AgeHours = null,
    int? AgeDaysAtLatestWeight = null);

/// <summary>An answer the rules do not act on that the practitioner should still see ("also reported").</summary>
public sealed record ReportedAnswer(string Key, string Label, string Answer);

public sealed record IntakeAssessment(
    DerivedFigures Figures,
    IReadOnlyList<RedFlag> RedFlags,
    IReadOnlyList<FactorFinding> Factors,
    IReadOnlyList<string> SuggestedFocus,
    IReadOnlyList<string> SafetyNotes,
    int? Phq2Score,
    bool Phq2Positive,
    IReadOnlyList<ReportedAnswer> AlsoReported)
{
    public FlagTier? HighestTier => RedFlags.Count == 0 ? null : RedFlags.Max(f => f.Tier);

    public bool NeedsUrgentAction => HighestTier is FlagTier.Emergency or FlagTier.SameDay;
}

namespace ClinicBooking.Web.Domain.Intake;

/// <summary>
/// Configuration section <c>Intake</c>: every threshold of the red-flag and factor rules (DOMAIN.md §3), so the
/// clinic's medical adviser can change them without a release. Defaults are DOMAIN.md's.
/// </summary>
public sealed class IntakeThresholds
{
    public const string Section = "Intake";

    /// <summary>Fever in a baby younger than this many days is an emergency (NICE NG143: under 3 months).</summary>
    public int FeverEmergencyMaxAgeDays { get; set; } = 90;

    /// <summary>Weight loss from birth weight above this percentage needs a same-day review (NICE NG75).</summary>
    public decimal WeightLossSameDayPercent { get; set; } = 10m;

    /// <summary>Weight loss above this percentage (and not above the same-day one) is referred.</summary>
    public decimal WeightLossReferPercent { get; set; } = 7m;

    /// <summary>Gain since the lowest weight below this many grams a day, after <see cref="GainRuleFromDay"/>, is referred.</summary>
    public int MinGainGramsPerDay { get; set; } = 20;

    public int GainRuleFromDay { get; set; } = 5;

    /// <summary>
    /// The slow-gain rule applies up to this age at the latest weighing: DOMAIN.md gives 20 g a day "in the first
    /// 3–4 months"; 120 days is the upper end, and older babies are expected to gain more slowly.
    /// </summary>
    public int GainRuleMaxAgeDays { get; set; } = 120;

    /// <summary>Not back to birth weight at a weighing on or after this day of age is referred.</summary>
    public int RegainBirthWeightByDay { get; set; } = 14;

    /// <summary>Fewer feeds than this in 24 h, in a baby up to <see cref="NewbornMaxAgeDays"/>, is referred.</summary>
    public int MinFeedsPerDay { get; set; } = 8;

    /// <summary>
    /// Fewer feeds than this in 24 h, in a baby up to <see cref="NewbornMaxAgeDays"/>, needs a same-day review
    /// (DOMAIN.md: "fewer than 6–8 feeds"; the lower end, with 6 to 7 referred under <see cref="MinFeedsPerDay"/>).
    /// </summary>
    public int MinFeedsSameDay { get; set; } = 6;

    /// <summary>
    /// A longest gap between feeds of at least this many hours, in a baby up to <see cref="NewbornMaxAgeDays"/>,
    /// needs a same-day review (DOMAIN.md: "regularly sleeping 5–6 h between feeds in early weeks").
    /// </summary>
    public decimal LongGapSameDayHours { get; set; } = 5m;

    public int NewbornMaxAgeDays { get; set; } = 28;

    /// <summary>A feed gap longer than this many hours (newborn) raises "irregular sessions".</summary>
    public decimal LongestGapHours { get; set; } = 5m;

    // The configuration binder appends configured array items to a non-empty default array, so the defaults
    // live behind the effective properties below instead of in the bound ones.

    /// <summary>Minimum wet diapers on day of life 1, 2, 3, 4 and then every later day (Intermountain).</summary>
    public int[]? WetDiaperMinimums { get; set; }

    /// <summary>Minimum dirty diapers on day of life 1, 2, 3, 4 and then every later day.</summary>
    public int[]? DirtyDiaperMinimums { get; set; }

    public int[] WetMinimums => WetDiaperMinimums is { Length: > 0 } wet ? wet : [1, 2, 3, 4, 6];

    public int[] DirtyMinimums => DirtyDiaperMinimums is { Length: > 0 } dirty ? dirty : [1, 2, 3, 4, 4];

    /// <summary>Up to this age the dirty-diaper minimum applies (breastfed babies may stool less often later).</summary>
    public int DirtyDiaperRuleMaxAgeDays { get; set; } = 42;

    /// <summary>No dirty diaper in 24 hours up to this age (the first 2 months) needs a same-day review.</summary>
    public int NoStoolRuleMaxAgeDays { get; set; } = 60;

    /// <summary>More hours than this without a wet diaper, in a baby up to <see cref="NewbornMaxAgeDays"/>, needs a review.</summary>
    public decimal NoWetDiaperHoursNewborn { get; set; } = 6m;

    /// <summary>More hours than this without a wet diaper, in a baby under <see cref="NoWetDiaperRuleMaxAgeDays"/> days.</summary>
    public decimal NoWetDiaperHoursYoungInfant { get; set; } = 8m;

    /// <summary>The wet-diaper hours rule applies under this age (3 months).</summary>
    public int NoWetDiaperRuleMaxAgeDays { get; set; } = 90;

    /// <summary>Jaundice before this many hours of age is an emergency (NICE CG98: jaundice in the first 24 hours).</summary>
    public int JaundiceEmergencyHours { get; set; } = 24;

    /// <summary>Jaundice still present beyond this many days (term) needs a medical review (NICE CG98).</summary>
    public int ProlongedJaundiceDaysTerm { get; set; } = 14;

    public int ProlongedJaundiceDaysPreterm { get; set; } = 21;

    /// <summary>Stress at or above this (0–10) raises "high stress".</summary>
    public int HighStressLevel { get; set; } = 7;

    /// <summary>PHQ-2 total at or above this is positive.</summary>
    public int Phq2PositiveScore { get; set; } = 3;

    /// <summary>
    /// Metoclopramide with the "down, depressed or hopeless" item at or above this (1 = several days) is referred:
    /// the drug carries a depression warning (DOMAIN.md §1.J), so any low mood is worth a word with the prescriber.
    /// </summary>
    public int MetoclopramideLowMoodItem { get; set; } = 1;

    /// <summary>Pain during feeds at or above this (0–10) raises "improper latch-on".</summary>
    public int NipplePainLatchLevel { get; set; } = 5;

    public int PretermBeforeWeeks { get; set; } = 37;

    /// <summary>The number shown in emergency guidance.</summary>
    public string EmergencyNumber { get; set; } = "911";

    /// <summary>Where a parent with thoughts of self-harm can get help at any hour.</summary>
    public string CrisisLine { get; set; } = "the 988 Suicide & Crisis Lifeline: call or text 988";

    /// <summary>The crisis line's number, for call and text buttons.</summary>
    public string CrisisPhone { get; set; } = "988";
}

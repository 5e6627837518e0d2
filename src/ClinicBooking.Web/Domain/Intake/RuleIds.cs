namespace ClinicBooking.Web.Domain.Intake;

/// <summary>
/// Stable ids of the red-flag rules (DOMAIN.md §3; docs/clinical-rules.md lists each with its threshold). Ids never
/// change meaning once released: a rule whose meaning changes gets a new id, so stored or sent references stay true.
/// </summary>
public static class RuleIds
{
    // Parent: emergency
    public const string HarmThoughts = "harm-thoughts";
    public const string HeavyBleeding = "heavy-bleeding";
    public const string ChestPainBreathing = "chest-pain-breathing";
    public const string ParentSeizure = "parent-seizure";
    public const string MastitisEmergencySigns = "mastitis-sepsis-necrosis-or-abscess";

    // Baby: emergency
    public const string BabyEmergencySigns = "baby-emergency-signs";
    public const string BabyFeverUnder3Months = "baby-fever-under-3-months";
    public const string JaundiceFirst24Hours = "jaundice-first-24-hours";
    public const string NonBlanchingRash = "baby-rash-not-fading";
    public const string GreenVomit = "baby-green-vomit";

    // Baby: same day
    public const string BabyFever = "baby-fever";
    public const string WeightLossOver10Percent = "weight-loss-over-10-percent";
    public const string WetDiapersBelowMinimum = "wet-diapers-below-minimum";
    public const string DirtyDiapersBelowMinimum = "dirty-diapers-below-minimum";
    public const string NoStool24Hours = "no-stool-24-hours";
    public const string NoWetDiaperForHours = "no-wet-diaper-for-hours";
    public const string SleepyOrRefusingFeeds = "sleepy-or-refusing-feeds";
    public const string JaundiceSpreadingOrSleepy = "jaundice-spreading-or-sleepy";
    public const string JaundiceProlonged = "jaundice-prolonged";
    public const string PaleStools = "pale-stools";
    public const string DarkUrine = "dark-urine";
    public const string UrateCrystals = "urate-crystals-after-day-3";
    public const string DryMouthOrSunkenFontanelle = "dry-mouth-or-sunken-fontanelle";
    public const string VeryFewFeeds = "very-few-feeds";
    public const string LongGapBetweenFeeds = "long-gap-between-feeds";

    // Parent: same day
    public const string MastitisWithFever = "breast-red-hot-with-fever";
    public const string ParentFever = "parent-fever";
    public const string HeadacheVision = "parent-headache-vision";
    public const string LegClot = "parent-leg-red-swollen";
    public const string WoundInfection = "parent-wound-red-hot-leaking";
    public const string MastitisNotImproving = "mastitis-not-improving";

    // Refer
    public const string WeightLossOver7Percent = "weight-loss-over-7-percent";
    public const string SlowWeightGain = "slow-weight-gain";
    public const string NotBackToBirthWeight = "not-back-to-birth-weight";
    public const string TooFewFeeds = "too-few-feeds";
    public const string LowMoodScreenPositive = "low-mood-screen-positive";
    public const string MilkLateOrNever = "milk-late-or-never";
    public const string PossibleSheehan = "possible-sheehan-syndrome";
    public const string TongueTieUntreated = "tongue-tie-untreated";
    public const string Preterm = "preterm";
    public const string BreastRedHotOrLump = "breast-red-hot-or-lump";
    public const string MetoclopramideLowMood = "metoclopramide-low-mood";
    public const string GlandularTissueSigns = "glandular-tissue-signs";
    public const string PreviousBreastSurgery = "previous-breast-surgery";
    public const string RetainedPlacenta = "retained-placenta";
    public const string WeakSuck = "weak-suck";
    public const string CleftLipOrPalate = "cleft-lip-or-palate";
    public const string ToneOrNeurological = "tone-or-neurological";
    public const string Multiples = "multiples";

    /// <summary>Every id above, for checks that no rule goes without an id or a test.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(RuleIds)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();
}

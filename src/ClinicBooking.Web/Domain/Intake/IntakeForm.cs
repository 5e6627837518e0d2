namespace ClinicBooking.Web.Domain.Intake;

public enum FieldKind
{
    /// <summary>Whole number with a unit and a range.</summary>
    Number,

    /// <summary>Number with one decimal place allowed.</summary>
    Decimal,

    Date,

    /// <summary>Yes / No radios.</summary>
    YesNo,

    /// <summary>One of a few options (radios).</summary>
    Choice,

    /// <summary>Any of a few options (checkboxes).</summary>
    Multi,

    /// <summary>0 to 10.</summary>
    Scale,

    Text,

    /// <summary>A baby's weight, stored in grams; typed in grams or pounds and ounces (<see cref="Measurements"/>).</summary>
    Weight,

    /// <summary>An amount of milk, stored in mL; typed in mL or fluid ounces.</summary>
    Volume,

    /// <summary>A time of day, stored as HH:mm.</summary>
    Time,
}

public sealed record FieldOption(string Value, string Label);

/// <summary>One question of the intake. Keys are stable: stored answers and the assessment rules use them.</summary>
public sealed record IntakeField(
    string Key,
    string Label,
    FieldKind Kind,
    string? Hint = null,
    IReadOnlyList<FieldOption>? Options = null,
    string? Unit = null,
    decimal Min = 0,
    decimal Max = 0,
    int MaxLength = 500,
    bool Required = false)
{
    public IReadOnlyList<FieldOption> Choices => Options ?? [];

    /// <summary>The hint as the clinic's patients read it: weights and volumes in the clinic's units first.</summary>
    public string? HintFor(MeasurementUnits units) => Hint is null ? null : IntakeForm.InUnits(Hint, units);

    /// <summary>The label of a stored value, for review and summaries ("yes" → "Yes"), weights and volumes in the clinic's units.</summary>
    public string Display(string? value, MeasurementUnits units = MeasurementUnits.Metric)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "Not answered";
        }

        return Kind switch
        {
            FieldKind.Weight when int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var grams) =>
                Measurements.FormatWeight(grams, units),
            FieldKind.Volume when int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var ml) =>
                Measurements.FormatVolume(ml, units),
            FieldKind.YesNo => value == "yes" ? "Yes" : "No",
            FieldKind.Choice => Choices.FirstOrDefault(o => o.Value == value)?.Label ?? value,
            FieldKind.Multi => string.Join(", ", value.Split(',').Select(v => Choices.FirstOrDefault(o => o.Value == v)?.Label ?? v)),
            _ when Unit is not null => $"{value} {Unit}",
            _ => value,
        };
    }
}

public sealed record IntakeSection(string Key, string Title, string Intro, IReadOnlyList<IntakeField> Fields);

/// <summary>
/// The questionnaire of PRODUCT.md §5, built from DOMAIN.md §1: eleven short steps. Every contributing factor of
/// the information page is asked for directly or derived (see <see cref="IntakeAssessor"/>).
/// </summary>
public static class IntakeForm
{
    private static FieldOption O(string value, string label) => new(value, label);

    private static readonly FieldOption[] Unsure = [O("yes", "Yes"), O("no", "No"), O("unsure", "Not sure")];

    // The clinic's own units come first in a hint (HintFor): a bare number is read in them.
    private const string WeightHint = "In grams (like 3400), or pounds and ounces (like 7 lb 8 oz).";

    private const string UsWeightHint = "In pounds and ounces (like 7 lb 8 oz, or 7.5 for 7½ pounds), or grams (like 3400 g).";

    private const string VolumeHint = "In mL (like 120), or fluid ounces (like 4 fl oz).";

    private const string UsVolumeHint = "In fluid ounces (like 4), or mL (like 120 mL).";

    /// <summary>A hint written for a metric clinic, with its weight and volume sentence in the given units.</summary>
    public static string InUnits(string hint, MeasurementUnits units) =>
        units == MeasurementUnits.US ? hint.Replace(WeightHint, UsWeightHint, StringComparison.Ordinal).Replace(VolumeHint, UsVolumeHint, StringComparison.Ordinal) : hint;

    private const string RedBreastOnlyHint = "Answer no if no part of your breasts is red or hot.";

    public static readonly IReadOnlyList<IntakeSection> Sections =
    [
        new("about", "About you", "So we know how to reach you and who else is caring for you and your baby.",
        [
            new("contact_phone", "Your phone number", FieldKind.Text, "So we can call you if something in your answers needs it.", MaxLength: 30),
            new("has_ibclc", "Are you already seeing a lactation consultant (IBCLC)?", FieldKind.Choice,
                "An IBCLC is an International Board Certified Lactation Consultant, a specialist in breastfeeding.",
                [O("yes", "Yes"), O("booked", "I have an appointment booked"), O("no", "No")]),
            new("care_team", "Your doctor, midwife and baby's doctor", FieldKind.Text, "Names and practices, so we can work with them.", MaxLength: 300),
            new("consent_share", "May we share our notes with your doctor, midwife or lactation consultant if it helps your care?", FieldKind.YesNo),
        ]),
        new("baby", "Your baby", "Weights help us see how feeding is going. Use the numbers from your baby's last check.",
        [
            new("baby_dob", "Baby's date of birth", FieldKind.Date, Required: true),
            new("baby_birth_time", "Time of birth", FieldKind.Time,
                "Only needed if your baby is under 3 days old. In the first days, a few hours make a difference.", MaxLength: 5),
            new("gestation_weeks", "Weeks of pregnancy when baby was born", FieldKind.Number, "Full term is 37 to 42 weeks.", Unit: "weeks", Min: 22, Max: 44),
            new("birth_weight_g", "Birth weight", FieldKind.Weight, WeightHint, Unit: "g", Min: 400, Max: 7000, Required: true),
            new("lowest_weight_g", "Lowest weight after birth, if you know it", FieldKind.Weight, Unit: "g", Min: 400, Max: 7000),
            new("lowest_weight_date", "Date of the lowest weight", FieldKind.Date),
            new("latest_weight_g", "Most recent weight", FieldKind.Weight, "With its date below, please.", Unit: "g", Min: 400, Max: 15000),
            new("latest_weight_date", "Date of the most recent weight", FieldKind.Date),
            new("jaundice", "Does your baby look yellow (jaundice) now?", FieldKind.Choice,
                Options: [O("no", "No"), O("mild", "A little"), O("spreading", "Yes, and it is spreading, or baby is sleepy or feeding poorly"), O("unsure", "Not sure")]),
            new("tongue_tie", "Has anyone checked baby for tongue-tie?", FieldKind.Choice,
                Options: [O("not_assessed", "Not checked"), O("normal", "Checked, no tongue-tie"), O("diagnosed", "Tongue-tie found, not treated"), O("treated", "Tongue-tie found and treated")]),
            new("baby_feeding_conditions", "Do any of these apply to baby?", FieldKind.Multi,
                Options: [O("none", "None of these"), O("weak_suck", "A weak suck, or baby tires quickly when feeding"),
                    O("cleft", "A cleft lip or palate (a gap in the lip or the roof of the mouth)"),
                    O("tone", "Muscles that are unusually floppy or stiff, or a condition of the brain or nerves"),
                    O("multiples", "Baby is a twin, triplet or more")], Required: true),
            new("baby_fever", "In the last 24 hours, has baby had a temperature of 38 °C (100.4 °F) or more?", FieldKind.YesNo),
            new("baby_sleepy_feeds", "Is baby often too sleepy to feed, or refusing feeds?", FieldKind.YesNo),
            new("baby_dry_mouth", "Does baby have a dry mouth, or does the soft spot on top of baby's head look sunken?", FieldKind.YesNo,
                "The soft spot (fontanelle) is the soft area on top of a baby's head. Sunken means it dips in.", Required: true),
            new("baby_emergency_signs", "Right now, is baby very hard to wake, floppy, struggling to breathe, blue or grey around the lips, or having a seizure?", FieldKind.YesNo, Required: true),
            new("baby_rash", "Does baby have a rash that does not fade when you press a clear glass against it?", FieldKind.YesNo,
                "Press the side of a glass firmly on the rash. If you can still see the spots through the glass, answer yes.", Required: true),
            new("baby_green_vomit", "Has baby vomited green (bright or dark green) fluid?", FieldKind.YesNo, Required: true),
        ]),
        new("feeding", "Feeding in the last 24 hours", "Tell us about feeding in the last 24 hours. A rough count is fine.",
        [
            new("feeds_24h", "How many times did baby feed in the last 24 hours?", FieldKind.Number, "Count every feed, at the breast or from a bottle.", Unit: "feeds", Min: 0, Max: 30, Required: true),
            new("longest_gap_hours", "Longest time between two feeds", FieldKind.Decimal, Unit: "hours", Min: 0, Max: 24),
            new("hears_swallowing", "Do you hear or see baby swallowing during feeds?", FieldKind.Choice,
                Options: [O("often", "Often"), O("sometimes", "Sometimes"), O("rarely", "Rarely"), O("unsure", "Not sure")]),
            new("scheduled_feeds", "Do you feed to a schedule rather than when baby shows hunger?", FieldKind.YesNo),
            new("nipple_shield", "Do you use a nipple shield?", FieldKind.YesNo),
        ]),
        new("supplements", "Supplements and pumping", "Anything baby gets besides feeding at the breast, and any pumping.",
        [
            new("supplement_types", "What else does baby get?", FieldKind.Multi,
                Options: [O("none", "Nothing else"), O("expressed", "My expressed milk"), O("donor", "Donor milk"), O("formula", "Formula"), O("water", "Water or other drinks")]),
            new("supplement_ml_24h", "Total supplement in the last 24 hours", FieldKind.Volume, VolumeHint, Unit: "mL", Min: 0, Max: 2000),
            new("expressed_ml_24h", "Milk you pumped or hand-expressed in the last 24 hours", FieldKind.Volume, "Enter 0 if you do not pump. " + VolumeHint, Unit: "mL", Min: 0, Max: 3000),
        ]),
        new("diapers", "Diapers in the last 24 hours", "Wet and dirty diapers tell us whether baby is getting enough milk.",
        [
            new("wet_diapers_24h", "Wet diapers in the last 24 hours", FieldKind.Number, Unit: "diapers", Min: 0, Max: 30, Required: true),
            new("dirty_diapers_24h", "Dirty diapers in the last 24 hours", FieldKind.Number, Unit: "diapers", Min: 0, Max: 30, Required: true),
            new("hours_since_wet_diaper", "How many hours since baby's last wet diaper?", FieldKind.Decimal, "A rough guess is fine, like 3 or 2.5.",
                Unit: "hours", Min: 0, Max: 72, Required: true),
            new("stool_colour", "What colour are the dirty diapers?", FieldKind.Choice,
                Options: [O("black", "Black and sticky"), O("green_brown", "Green or brown"), O("yellow", "Yellow"), O("pale", "Pale, white or chalky"), O("unsure", "Not sure")]),
            new("urate_crystals", "Orange or red \"brick dust\" in the diaper (after day 3)?", FieldKind.YesNo),
            new("dark_urine", "Is baby's urine dark and strong-smelling?", FieldKind.YesNo),
        ]),
        new("breasts", "Breasts and nipples", "These questions help us understand how your milk supply started.",
        [
            new("nipple_pain", "Pain during feeds, from 0 (none) to 10 (worst)", FieldKind.Scale, Min: 0, Max: 10),
            new("breast_change_pregnancy", "Did your breasts grow or feel tender during pregnancy?", FieldKind.Choice,
                Options: [O("clearly", "Yes, clearly"), O("little", "A little"), O("not_at_all", "Not at all"), O("unsure", "Not sure")]),
            new("milk_came_in", "When did your breasts feel fuller (milk \"came in\")?", FieldKind.Choice,
                Options: [O("by_day3", "By day 3"), O("day4to5", "Day 4 or 5"), O("after_day5", "After day 5"), O("never", "It never did"), O("unsure", "Not sure")]),
            new("breast_shape", "Are your breasts very different in size, widely spaced, or long and narrow (tubular)?", FieldKind.Choice,
                "Some breast shapes can mean less milk-making tissue. A lactation consultant can check.", Unsure),
            new("breast_surgery", "Any surgery or treatment on your breasts or nipples?", FieldKind.Multi,
                Options: [O("none", "None"), O("augmentation", "Enlargement"), O("reduction", "Reduction"), O("lift", "Lift"), O("biopsy", "Biopsy or lump removal"), O("piercing", "Nipple piercing"), O("radiation", "Radiation to the chest")]),
            new("breast_red_hot", "Is part of a breast red, hot and painful, or is there a hard lump?", FieldKind.YesNo),
            new("parent_fever", "Have you had a temperature of 38 °C (100.4 °F) or more in the last 24 hours?", FieldKind.YesNo),
            new("parent_unwell", "Do you feel unwell or flu-like, with aches, chills or shivering?", FieldKind.YesNo),
            new("breast_severe", "With a red or hot breast, are you confused, fainting or very unwell, is the skin turning dark, or is there a soft lump that feels full of fluid?", FieldKind.YesNo,
                RedBreastOnlyHint, Required: true),
            new("breast_not_improving", "With a red or hot breast, has it lasted more than 24 hours, not got better within 12 to 24 hours of feeding or pumping often, or is the redness spreading fast?", FieldKind.YesNo,
                RedBreastOnlyHint, Required: true),
        ]),
        new("birth", "Pregnancy and birth", "Some things that happen around birth can affect milk supply.",
        [
            new("pph", "Did you bleed heavily after the birth?", FieldKind.Choice,
                Options: [O("no", "No"), O("yes", "Yes"), O("transfusion", "Yes, and I needed a blood transfusion"), O("unsure", "Not sure")]),
            new("retained_placenta", "Was the placenta removed by hand, or were pieces left behind?", FieldKind.Choice, Options: Unsure),
            new("bleeding_now", "Right now, are you soaking a pad in an hour or passing large clots?", FieldKind.YesNo, Required: true),
            new("chest_pain_breathing", "Right now, do you have chest pain or trouble breathing?", FieldKind.YesNo, Required: true),
            new("parent_seizure", "Since the birth, have you had a seizure (fit) that a doctor has not checked?", FieldKind.YesNo,
                "A seizure is shaking or stiffening you cannot stop, often with blacking out.", Required: true),
            new("parent_headache_vision", "Do you have a severe headache, or a headache with blurred vision or flashing lights?", FieldKind.YesNo, Required: true),
            new("parent_leg", "Is one of your legs red, swollen or painful, especially the calf?", FieldKind.YesNo, Required: true),
            new("parent_wound", "Is a wound from the birth (caesarean cut or stitches) red, hot, or leaking fluid or pus?", FieldKind.YesNo,
                "Answer no if you have no wound.", Required: true),
            new("gestational_diabetes", "Did you have diabetes in pregnancy (gestational diabetes)?", FieldKind.YesNo),
            new("fertility_treatment", "Did you have fertility treatment (such as IVF) for this pregnancy?", FieldKind.YesNo),
        ]),
        new("health", "Your health and medicines", "Some conditions and medicines can lower milk supply. Please do not stop a medicine without asking your doctor.",
        [
            new("conditions", "Do you have any of these?", FieldKind.Multi,
                Options: [O("none", "None of these"), O("pcos", "PCOS (polycystic ovary syndrome)"), O("hypothyroid", "Underactive thyroid"), O("hyperthyroid", "Overactive thyroid"), O("diabetes_1", "Type 1 diabetes"), O("diabetes_2", "Type 2 diabetes"), O("insulin_resistance", "Insulin resistance"), O("pituitary", "A pituitary condition"), O("anaemia", "Anaemia")]),
            new("previous_breastfeeding", "Have you breastfed before?", FieldKind.Choice,
                Options: [O("first", "This is my first baby"), O("went_well", "Yes, it went well"), O("low_supply", "Yes, with low supply"), O("stopped_early", "Yes, but I stopped early")]),
            new("contraception", "Hormonal contraception now", FieldKind.Choice,
                Options: [O("none", "None"), O("combined", "Combined pill, patch or ring (with estrogen)"), O("progestin", "Progestin-only pill, implant, injection or hormonal coil"), O("copper", "Copper coil"), O("other", "Other")]),
            new("supply_reducing_medicines", "Are you taking any of these?", FieldKind.Multi,
                Options: [O("none", "None of these"), O("pseudoephedrine", "Decongestant with pseudoephedrine (such as Sudafed)"), O("antihistamine", "Sedating antihistamine (such as diphenhydramine)"), O("cabergoline", "Cabergoline or bromocriptine"), O("other_reducing", "Methylergonovine, testosterone, aripiprazole or high-dose steroids")]),
            new("galactagogues", "Are you taking anything to increase your milk?", FieldKind.Multi,
                Options: [O("none", "Nothing"), O("domperidone", "Domperidone"), O("metoclopramide", "Metoclopramide (such as Reglan)"), O("fenugreek", "Fenugreek"), O("other_herbs", "Other herbs, teas, cookies or a Chinese herbal formula"), O("other", "Another medicine")]),
            new("medications_text", "Other medicines and supplements you take", FieldKind.Text, "Name and dose, if you know them.", MaxLength: 1000),
        ]),
        new("wellbeing", "How you are feeling", "The early weeks are hard. Your answers help us support you.",
        [
            new("stress_level", "How stressed have you felt this week, from 0 (not at all) to 10 (extremely)?", FieldKind.Scale, Min: 0, Max: 10),
            new("fluid_intake", "How much are you drinking?", FieldKind.Choice,
                Options: [O("to_thirst", "I drink when thirsty"), O("less", "Less than I would like"), O("often_thirsty", "I am often very thirsty")]),
            new("regular_meals", "Are you managing to eat regular meals?", FieldKind.Choice,
                Options: [O("yes", "Yes"), O("sometimes", "Sometimes"), O("rarely", "Rarely")]),
            new("phq_interest", "Over the last 2 weeks, how often have you had little interest or pleasure in doing things?", FieldKind.Choice,
                Options: [O("0", "Not at all"), O("1", "Several days"), O("2", "More than half the days"), O("3", "Nearly every day")], Required: true),
            new("phq_down", "Over the last 2 weeks, how often have you felt down, depressed or hopeless?", FieldKind.Choice,
                Options: [O("0", "Not at all"), O("1", "Several days"), O("2", "More than half the days"), O("3", "Nearly every day")], Required: true),
            new("harm_thoughts", "Over the last 2 weeks, have you had thoughts that you would be better off dead, or of harming yourself or your baby?", FieldKind.YesNo,
                "It is safe to tell us. If you answer yes, we will show you where to get help straight away.", Required: true),
        ]),
        new("goals", "Your goals and acupuncture safety", "What you hope for, and what we need to know to treat you safely.",
        [
            new("feeding_goal", "What would you like to achieve?", FieldKind.Multi,
                Options: [O("exclusive", "Feed only breast milk"), O("less_formula", "Use less formula"), O("pumping", "Keep up pumping"), O("comfort", "Feeding for comfort and closeness"), O("other", "Something else")]),
            new("blood_thinners", "Do you have a bleeding disorder or take blood thinners?", FieldKind.YesNo, Required: true),
            new("pacemaker", "Do you have a pacemaker or other implanted device?", FieldKind.YesNo, Required: true),
            new("fainting", "Have you ever fainted, for example at injections?", FieldKind.YesNo),
            new("needle_fear", "Are you afraid of needles?", FieldKind.YesNo),
            new("possibly_pregnant", "Could you be pregnant?", FieldKind.Choice, Options: Unsure),
        ]),
        new("visit", "Your visit", "So we can get the room ready for you and your baby.",
        [
            new("bringing_baby", "Will baby come to your appointments?", FieldKind.Choice,
                Options: [O("yes", "Yes"), O("sometimes", "Sometimes"), O("no", "No")]),
            new("feeding_space", "Would you like a private space to feed or pump?", FieldKind.YesNo),
            new("accessibility_needs", "Anything that would make your visit easier?", FieldKind.Text, "For example step-free access or a stroller space.", MaxLength: 500),
        ]),
    ];

    public static readonly IReadOnlyDictionary<string, IntakeField> Fields =
        Sections.SelectMany(s => s.Fields).ToDictionary(f => f.Key);

    /// <summary>
    /// A required yes/no question: a warning sign (baby_emergency_signs, bleeding_now, harm_thoughts...) or a needling
    /// safety question (blood_thinners, pacemaker). Saving its step needs an answer (<see cref="IntakeValidator.UnansweredWarningSigns"/>).
    /// </summary>
    public static bool MustAnswerOnSave(IntakeField field) => field is { Required: true, Kind: FieldKind.YesNo };

    public static IntakeSection? Section(string key) => Sections.FirstOrDefault(s => s.Key == key);

    public static int IndexOf(string sectionKey) => Sections.ToList().FindIndex(s => s.Key == sectionKey);
}

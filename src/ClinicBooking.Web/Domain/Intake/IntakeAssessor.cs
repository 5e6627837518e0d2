namespace ClinicBooking.Web.Domain.Intake;

/// <summary>
/// Turns answers into what a practitioner needs before the visit (PRODUCT.md §5, DOMAIN.md §3): derived figures,
/// red flags in three tiers with the rule that fired and its guidance, contributing factors with the answers that
/// raised them, a suggested focus and acupuncture-safety notes. Pure: "now" is the clinic's local date and time.
/// </summary>
public sealed class IntakeAssessor(IntakeThresholds t)
{
    /// <param name="localNow">The clinic's local date and time (hours matter for a baby in the first day).</param>
    /// <param name="units">How weights and volumes are written in evidence and "also reported" (the rules use grams and mL).</param>
    public IntakeAssessment Assess(IntakeAnswers a, DateTime localNow, MeasurementUnits units = MeasurementUnits.Metric)
    {
        var figures = Figures(a, localNow);
        var (phq2, phq2Positive) = Phq2(a);
        var flags = RedFlags(a, figures, phq2Positive, units).OrderByDescending(f => f.Tier).ToList();
        var factors = Factors(a, figures, units);
        return new IntakeAssessment(figures, flags, factors, Focus(factors, flags), SafetyNotes(a), phq2, phq2Positive,
            AlsoReported(a, figures, units));
    }

    public (int? Score, bool Positive) Phq2(IntakeAnswers a) =>
        a.Int("phq_interest") is { } interest && a.Int("phq_down") is { } down
            ? (interest + down, interest + down >= t.Phq2PositiveScore)
            : (null, false);

    public DerivedFigures Figures(IntakeAnswers a, DateTime localNow)
    {
        var today = DateOnly.FromDateTime(localNow);
        var dob = a.Date("baby_dob");
        int? age = dob is { } born ? today.DayNumber - born.DayNumber : null;
        int? ageHours = null;
        if (dob is { } bornOn && TimeOnly.TryParseExact(a["baby_birth_time"], "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var bornAt))
        {
            // Wall-clock hours (the assessor has no time zone): across a daylight-saving change the age can be an hour out.
            // A birth time later than now on the same day is a typing slip; count the baby as just born.
            ageHours = Math.Max(0, (int)Math.Floor((localNow - bornOn.ToDateTime(bornAt)).TotalHours));
        }

        int? ageAtLatestWeight = dob is { } d && a.Date("latest_weight_date") is { } weighed ? weighed.DayNumber - d.DayNumber : null;
        bool? preterm = a.Int("gestation_weeks") is { } weeks ? weeks < t.PretermBeforeWeeks : null;
        var birth = a.Int("birth_weight_g");
        var lowest = a.Int("lowest_weight_g");
        var latest = a.Int("latest_weight_g");

        decimal? gramsPerDay = null;
        if (lowest is { } low && latest is { } last && a.Date("lowest_weight_date") is { } lowDate
            && a.Date("latest_weight_date") is { } lastDate && lastDate > lowDate)
        {
            gramsPerDay = Math.Round((decimal)(last - low) / (lastDate.DayNumber - lowDate.DayNumber), 1);
        }

        DiaperCheck? wet = null, dirty = null;
        int? minimumFeeds = null;
        if (age is { } days)
        {
            var dayOfLife = days + 1;
            wet = new DiaperCheck(a.Int("wet_diapers_24h"), ForDay(t.WetMinimums, dayOfLife));
            if (days <= t.DirtyDiaperRuleMaxAgeDays)
            {
                dirty = new DiaperCheck(a.Int("dirty_diapers_24h"), ForDay(t.DirtyMinimums, dayOfLife));
            }

            if (days <= t.NewbornMaxAgeDays)
            {
                minimumFeeds = t.MinFeedsPerDay;
            }
        }

        return new DerivedFigures(age, preterm, Percent(lowest, birth), Percent(latest, birth), gramsPerDay,
            a.Int("feeds_24h"), minimumFeeds, wet, dirty, ageHours, ageAtLatestWeight);
    }

    private IEnumerable<RedFlag> RedFlags(IntakeAnswers a, DerivedFigures f, bool phq2Positive, MeasurementUnits units)
    {
        var call = $"Call {t.EmergencyNumber} now, or go to the nearest emergency department.";
        const string today = "Contact your baby's doctor or midwife today.";
        const string parentToday = "Contact your doctor or midwife today.";
        var parentNow = $"Contact your doctor or midwife now. If you cannot reach them, call {t.EmergencyNumber}.";
        const string refer = "We recommend an assessment by a lactation consultant (IBCLC) or doctor alongside acupuncture.";

        // Emergency
        if (a.Yes("harm_thoughts"))
        {
            yield return new RedFlag(RuleIds.HarmThoughts, FlagTier.Emergency,
                "Thoughts of harming yourself or your baby, or that you would be better off dead",
                $"You are not alone and help is available now. If you might act on these thoughts, call {t.EmergencyNumber}. " +
                $"You can also reach {t.CrisisLine}, at any hour. Please also tell your doctor or midwife today.");
        }

        if (a.Yes("baby_emergency_signs"))
        {
            yield return new RedFlag(RuleIds.BabyEmergencySigns, FlagTier.Emergency,
                "Baby very hard to wake, floppy, struggling to breathe, blue or grey, or having a seizure", call);
        }

        if (a.Yes("baby_rash"))
        {
            yield return new RedFlag(RuleIds.NonBlanchingRash, FlagTier.Emergency, "A rash that does not fade under a glass", call);
        }

        if (a.Yes("baby_green_vomit"))
        {
            yield return new RedFlag(RuleIds.GreenVomit, FlagTier.Emergency, "Green vomit", call);
        }

        if (a.Yes("baby_fever") && f.AgeDays < t.FeverEmergencyMaxAgeDays)
        {
            yield return new RedFlag(RuleIds.BabyFeverUnder3Months, FlagTier.Emergency,
                $"Temperature of 38 °C (100.4 °F) or more in the last 24 hours, in a baby under 3 months old", call);
        }

        if (a.Yes("bleeding_now"))
        {
            yield return new RedFlag(RuleIds.HeavyBleeding, FlagTier.Emergency, "Heavy bleeding now (soaking a pad an hour or large clots)", call);
        }

        if (a.Yes("chest_pain_breathing"))
        {
            yield return new RedFlag(RuleIds.ChestPainBreathing, FlagTier.Emergency, "Chest pain or trouble breathing now", call);
        }

        if (a.Yes("parent_seizure"))
        {
            yield return new RedFlag(RuleIds.ParentSeizure, FlagTier.Emergency, "A seizure (fit) since the birth that no doctor has checked", call);
        }

        // The question names a red or hot breast; a yes is acted on even if the red-breast question was answered no.
        var mastitisEmergency = a.Yes("breast_severe");
        if (mastitisEmergency)
        {
            yield return new RedFlag(RuleIds.MastitisEmergencySigns, FlagTier.Emergency,
                "Red or hot breast with confusion, fainting or feeling very unwell, skin turning dark, or a soft fluid-filled lump (possible sepsis or abscess)", call);
        }

        // Without a time of birth, a baby born yesterday may still be under 24 hours old: judged as if so.
        var jaundice = a.Is("jaundice", "mild", "spreading");
        var firstDay = f.AgeHours is { } hours ? hours < t.JaundiceEmergencyHours : f.AgeDays is 0 or 1;
        if (jaundice && firstDay)
        {
            yield return new RedFlag(RuleIds.JaundiceFirst24Hours, FlagTier.Emergency,
                f.AgeHours is { } h ? $"Jaundice in the first 24 hours of life (baby is {h} {(h == 1 ? "hour" : "hours")} old)"
                    : "Jaundice in the first 24 hours of life (baby may be under 24 hours old)", call);
        }

        // Same day
        if (a.Yes("baby_fever") && !(f.AgeDays < t.FeverEmergencyMaxAgeDays))
        {
            yield return new RedFlag(RuleIds.BabyFever, FlagTier.SameDay, "Baby has had a temperature of 38 °C (100.4 °F) or more in the last 24 hours", today);
        }

        // The baby's weight now counts: a baby who lost 9% but is back above birth weight is not losing weight.
        var loss = f.PercentChangeLatest ?? f.PercentChangeAtLowest;
        if (loss < -t.WeightLossSameDayPercent)
        {
            yield return new RedFlag(RuleIds.WeightLossOver10Percent, FlagTier.SameDay,
                $"Weight loss of {-loss:0.##}% from birth weight (more than {t.WeightLossSameDayPercent}%)", today);
        }
        else if (loss < -t.WeightLossReferPercent)
        {
            yield return new RedFlag(RuleIds.WeightLossOver7Percent, FlagTier.Refer,
                $"Weight loss of {-loss:0.##}% from birth weight (more than {t.WeightLossReferPercent}%)", refer);
        }

        if (f.Wet is { BelowMinimum: true } wet)
        {
            yield return new RedFlag(RuleIds.WetDiapersBelowMinimum, FlagTier.SameDay,
                $"{wet.Count} wet {(wet.Count == 1 ? "diaper" : "diapers")} in 24 hours; at least {wet.Minimum} expected at {f.AgeDays} days old", today);
        }

        if (f.AgeDays is { } ageForWet && ageForWet < t.NoWetDiaperRuleMaxAgeDays && a.Decimal("hours_since_wet_diaper") is { } dry)
        {
            var limit = ageForWet <= t.NewbornMaxAgeDays ? t.NoWetDiaperHoursNewborn : t.NoWetDiaperHoursYoungInfant;
            if (dry > limit)
            {
                yield return new RedFlag(RuleIds.NoWetDiaperForHours, FlagTier.SameDay,
                    $"No wet diaper for {dry:0.#} hours (more than {limit:0.#} hours at {ageForWet} days old)",
                    $"Contact your baby's doctor or midwife now. If baby is very drowsy or floppy, call {t.EmergencyNumber}.");
            }
        }

        if (f.Dirty is { BelowMinimum: true } dirty)
        {
            yield return new RedFlag(RuleIds.DirtyDiapersBelowMinimum, FlagTier.SameDay,
                $"{dirty.Count} dirty {(dirty.Count == 1 ? "diaper" : "diapers")} in 24 hours; at least {dirty.Minimum} expected at {f.AgeDays} days old", today);
        }
        else if (a.Int("dirty_diapers_24h") == 0 && f.AgeDays <= t.NoStoolRuleMaxAgeDays)
        {
            yield return new RedFlag(RuleIds.NoStool24Hours, FlagTier.SameDay, $"No dirty diaper in 24 hours at {f.AgeDays} days old", today);
        }

        if (a.Yes("baby_sleepy_feeds"))
        {
            yield return new RedFlag(RuleIds.SleepyOrRefusingFeeds, FlagTier.SameDay, "Baby often too sleepy to feed, or refusing feeds", today);
        }

        if (jaundice && !firstDay && a.Is("jaundice", "spreading"))
        {
            yield return new RedFlag(RuleIds.JaundiceSpreadingOrSleepy, FlagTier.SameDay, "Jaundice that is spreading, or with a sleepy or poorly feeding baby", today);
        }
        else if (a.Is("jaundice", "mild") && f.AgeDays > (f.Preterm == true ? t.ProlongedJaundiceDaysPreterm : t.ProlongedJaundiceDaysTerm))
        {
            yield return new RedFlag(RuleIds.JaundiceProlonged, FlagTier.SameDay, $"Jaundice still present at {f.AgeDays} days old", today);
        }

        if (a.Is("stool_colour", "pale"))
        {
            yield return new RedFlag(RuleIds.PaleStools, FlagTier.SameDay, "Pale, white or chalky stools (possible liver problem)", today);
        }

        if (a.Yes("dark_urine"))
        {
            yield return new RedFlag(RuleIds.DarkUrine, FlagTier.SameDay, "Dark, concentrated urine", today);
        }

        if (a.Yes("urate_crystals") && f.AgeDays >= 3)
        {
            yield return new RedFlag(RuleIds.UrateCrystals, FlagTier.SameDay, "Urate crystals (\"brick dust\") after day 3", today);
        }

        if (a.Yes("baby_dry_mouth"))
        {
            yield return new RedFlag(RuleIds.DryMouthOrSunkenFontanelle, FlagTier.SameDay,
                "Dry mouth or a sunken soft spot (fontanelle): signs of dehydration",
                $"Contact your baby's doctor or midwife now. If baby is very drowsy or floppy, call {t.EmergencyNumber}.");
        }

        if (f.MinimumFeeds is not null && f.Feeds < t.MinFeedsSameDay)
        {
            yield return new RedFlag(RuleIds.VeryFewFeeds, FlagTier.SameDay,
                $"{f.Feeds} {(f.Feeds == 1 ? "feed" : "feeds")} in 24 hours at {f.AgeDays} days old (fewer than {t.MinFeedsSameDay})", today);
        }

        if (f.AgeDays <= t.NewbornMaxAgeDays && a.Decimal("longest_gap_hours") is { } gap && gap >= t.LongGapSameDayHours)
        {
            yield return new RedFlag(RuleIds.LongGapBetweenFeeds, FlagTier.SameDay,
                $"{gap:0.#} hours between feeds at {f.AgeDays} days old ({t.LongGapSameDayHours:0.#} hours or more in the first weeks)", today);
        }

        var systemic = a.Yes("parent_fever") || a.Yes("parent_unwell");
        if (a.Yes("breast_red_hot") && systemic)
        {
            yield return new RedFlag(RuleIds.MastitisWithFever, FlagTier.SameDay,
                "Red, hot, painful breast with a fever or feeling unwell (possible mastitis)", parentToday);
        }
        else if (a.Yes("parent_fever"))
        {
            yield return new RedFlag(RuleIds.ParentFever, FlagTier.SameDay, "Temperature of 38 °C (100.4 °F) or more in the last 24 hours", parentToday);
        }

        var mastitisSameDay = a.Yes("breast_not_improving");
        if (mastitisSameDay)
        {
            yield return new RedFlag(RuleIds.MastitisNotImproving, FlagTier.SameDay,
                "Red or hot breast for more than 24 hours, not better within 12 to 24 hours of frequent feeding or pumping, or redness spreading fast",
                $"Contact your doctor or midwife today. If you cannot be seen today, go to an urgent care clinic. If you feel confused, faint or very unwell, call {t.EmergencyNumber}.");
        }

        if (a.Yes("parent_headache_vision"))
        {
            yield return new RedFlag(RuleIds.HeadacheVision, FlagTier.SameDay,
                "Severe headache, or headache with changes in vision (can be a sign of high blood pressure after birth)", parentNow);
        }

        if (a.Yes("parent_leg"))
        {
            yield return new RedFlag(RuleIds.LegClot, FlagTier.SameDay, "A red, swollen or painful leg (can be a sign of a blood clot)", parentNow);
        }

        if (a.Yes("parent_wound"))
        {
            yield return new RedFlag(RuleIds.WoundInfection, FlagTier.SameDay, "A birth wound that is red, hot or leaking (possible infection)", parentNow);
        }

        // Refer
        // "In the next day or two" would contradict the today or now guidance of an escalated red breast.
        if (a.Yes("breast_red_hot") && !systemic && !mastitisEmergency && !mastitisSameDay)
        {
            yield return new RedFlag(RuleIds.BreastRedHotOrLump, FlagTier.Refer, "A red, hot or painful area, or a hard lump, in a breast",
                "Please show it to your doctor, midwife or lactation consultant in the next day or two. If you get a fever or feel unwell, contact your doctor or midwife today.");
        }

        // Gain and regain are judged at the most recent weighing, not today: an old weight says nothing about today's age.
        var ageAtWeight = f.AgeDaysAtLatestWeight ?? f.AgeDays;
        if (f.GramsPerDaySinceLowest is { } gain && ageAtWeight > t.GainRuleFromDay && ageAtWeight <= t.GainRuleMaxAgeDays
            && gain < t.MinGainGramsPerDay)
        {
            yield return new RedFlag(RuleIds.SlowWeightGain, FlagTier.Refer,
                $"Gaining {gain:0.#} g a day since the lowest weight (less than {t.MinGainGramsPerDay} g)", refer);
        }

        if (f.AgeDaysAtLatestWeight is { } weighedAt && weighedAt >= t.RegainBirthWeightByDay && a.Int("latest_weight_g") is { } latest
            && a.Int("birth_weight_g") is { } birth && latest < birth)
        {
            yield return new RedFlag(RuleIds.NotBackToBirthWeight, FlagTier.Refer,
                $"Not back to birth weight at the weighing at {weighedAt} days old ({Measurements.FormatWeight(latest, units)}, born at {Measurements.FormatWeight(birth, units)})", refer);
        }

        if (f.MinimumFeeds is { } minFeeds && f.Feeds < minFeeds && f.Feeds >= t.MinFeedsSameDay)
        {
            yield return new RedFlag(RuleIds.TooFewFeeds, FlagTier.Refer, $"{f.Feeds} feeds in 24 hours; at least {minFeeds} expected for a newborn", refer);
        }

        if (phq2Positive)
        {
            yield return new RedFlag(RuleIds.LowMoodScreenPositive, FlagTier.Refer,
                "Low mood screen positive: low mood or little interest for much of the last two weeks (PHQ-2)",
                "Please talk to your doctor or midwife about how you are feeling; they can help.");
        }

        if (a.Has("galactagogues", "metoclopramide")
            && (phq2Positive || a.Int("phq_down") >= t.MetoclopramideLowMoodItem || a.Yes("harm_thoughts")))
        {
            yield return new RedFlag(RuleIds.MetoclopramideLowMood, FlagTier.Refer, "Taking metoclopramide while feeling low",
                "Metoclopramide can cause or worsen low mood. Please tell the doctor who prescribed it how you are feeling, soon. Do not stop it without asking them.");
        }

        if (a.Is("milk_came_in", "after_day5", "never"))
        {
            yield return new RedFlag(RuleIds.MilkLateOrNever, FlagTier.Refer, "Milk came in after day 5, or never", "A doctor should look for a medical cause alongside lactation support.");
        }

        if (a.Is("pph", "transfusion") && a.Is("milk_came_in", "never", "after_day5"))
        {
            yield return new RedFlag(RuleIds.PossibleSheehan, FlagTier.Refer, "Severe bleeding after birth with little or no milk (possible Sheehan syndrome)",
                "Ask your doctor about a hormone (pituitary) check.");
        }

        if (a.Is("retained_placenta", "yes"))
        {
            yield return new RedFlag(RuleIds.RetainedPlacenta, FlagTier.Refer, "Placenta removed by hand, or pieces left behind",
                "Pieces of placenta left behind can hold back milk. Please ask your doctor or midwife for a check.");
        }

        if (a.Is("breast_change_pregnancy", "not_at_all") || a.Is("breast_shape", "yes"))
        {
            yield return new RedFlag(RuleIds.GlandularTissueSigns, FlagTier.Refer,
                "Breasts did not change in pregnancy, or are very different in size, widely spaced or tubular (possible low milk-making tissue)", refer);
        }

        if (a["breast_surgery"] is { } surgery && surgery != "none")
        {
            yield return new RedFlag(RuleIds.PreviousBreastSurgery, FlagTier.Refer,
                $"Previous breast or nipple surgery or treatment ({IntakeForm.Fields["breast_surgery"].Display(surgery).ToLowerInvariant()})", refer);
        }

        if (a.Is("tongue_tie", "diagnosed"))
        {
            yield return new RedFlag(RuleIds.TongueTieUntreated, FlagTier.Refer, "Tongue-tie found and not treated", refer);
        }

        if (f.Preterm == true)
        {
            yield return new RedFlag(RuleIds.Preterm, FlagTier.Refer, "Born before 37 weeks", refer);
        }

        if (a.Has("baby_feeding_conditions", "weak_suck"))
        {
            yield return new RedFlag(RuleIds.WeakSuck, FlagTier.Refer, "Weak suck, or baby tires quickly when feeding", refer);
        }

        if (a.Has("baby_feeding_conditions", "cleft"))
        {
            yield return new RedFlag(RuleIds.CleftLipOrPalate, FlagTier.Refer, "Cleft lip or palate", refer);
        }

        if (a.Has("baby_feeding_conditions", "tone"))
        {
            yield return new RedFlag(RuleIds.ToneOrNeurological, FlagTier.Refer, "Unusually floppy or stiff muscles, or a condition of the brain or nerves", refer);
        }

        if (a.Has("baby_feeding_conditions", "multiples"))
        {
            yield return new RedFlag(RuleIds.Multiples, FlagTier.Refer, "Twins, triplets or more, with concerns about milk supply", refer);
        }
    }

    /// <summary>
    /// Answers no rule or factor acts on that still matter to the practitioner (DOMAIN.md §1 "P" items): shown under
    /// "also reported" so nothing the parent told us is silently dropped.
    /// </summary>
    private static List<ReportedAnswer> AlsoReported(IntakeAnswers a, DerivedFigures f, MeasurementUnits units)
    {
        var reported = new List<ReportedAnswer>();
        void Report(string key, bool when, string? label = null, string? answer = null)
        {
            if (when && a[key] is { } value)
            {
                var field = IntakeForm.Fields[key];
                reported.Add(new ReportedAnswer(key, label ?? field.Label, answer ?? field.Display(value, units)));
            }
        }

        Report("has_ibclc", a.Is("has_ibclc", "no"));
        Report("previous_breastfeeding", a.Is("previous_breastfeeding", "low_supply", "stopped_early"));
        Report("conditions", a.Has("conditions", "anaemia"), "Anaemia", "Yes");
        Report("supplement_types", !a.Is("supplement_types", "none"));
        Report("supplement_ml_24h", true);
        Report("expressed_ml_24h", true);
        Report("galactagogues", !a.Is("galactagogues", "none"));
        Report("medications_text", true);
        Report("stool_colour", a.Is("stool_colour", "black") && f.AgeDays > 4, "Black stools after day 4");
        Report("parent_unwell", a.Yes("parent_unwell") && !a.Yes("breast_red_hot"), "Feels unwell or flu-like");
        return reported;
    }

    private List<FactorFinding> Factors(IntakeAnswers a, DerivedFigures f, MeasurementUnits units)
    {
        var found = new List<FactorFinding>();
        void Add(ContributingFactor factor, string name, params string?[] evidence)
        {
            var reasons = evidence.OfType<string>().ToList();
            if (reasons.Count > 0)
            {
                found.Add(new FactorFinding(factor, name, reasons));
            }
        }

        string? When(bool condition, string key) => condition ? Evidence(a, key, units) : null;

        Add(ContributingFactor.HormonalImbalances, "Hormonal imbalances",
            When(a.Is("pph", "yes", "transfusion"), "pph"),
            When(a.Is("retained_placenta", "yes"), "retained_placenta"),
            When(a.Is("milk_came_in", "after_day5", "never"), "milk_came_in"),
            When(a.Yes("fertility_treatment"), "fertility_treatment"),
            When(a.Has("conditions", "pituitary"), "conditions"));
        Add(ContributingFactor.IrregularBreastfeedingSessions, "Irregular breastfeeding sessions",
            When(f.MinimumFeeds is { } min && f.Feeds < min, "feeds_24h"),
            When(a.Decimal("longest_gap_hours") > t.LongestGapHours, "longest_gap_hours"),
            When(a.Yes("scheduled_feeds"), "scheduled_feeds"));
        Add(ContributingFactor.ImproperLatchOn, "Improper latch-on",
            When(a.Int("nipple_pain") >= t.NipplePainLatchLevel, "nipple_pain"),
            When(a.Is("tongue_tie", "diagnosed"), "tongue_tie"),
            When(a.Yes("nipple_shield"), "nipple_shield"),
            When(a.Is("hears_swallowing", "rarely"), "hears_swallowing"));
        Add(ContributingFactor.Pcos, "PCOS", When(a.Has("conditions", "pcos"), "conditions"));
        Add(ContributingFactor.ThyroidDisorders, "Thyroid disorders", When(a.Has("conditions", "hypothyroid", "hyperthyroid"), "conditions"));
        Add(ContributingFactor.Diabetes, "Diabetes",
            When(a.Has("conditions", "diabetes_1", "diabetes_2", "insulin_resistance"), "conditions"),
            When(a.Yes("gestational_diabetes"), "gestational_diabetes"));
        Add(ContributingFactor.HighStress, "High stress",
            When(a.Int("stress_level") >= t.HighStressLevel, "stress_level"));
        Add(ContributingFactor.InadequateFluidIntake, "Inadequate fluid intake", When(a.Is("fluid_intake", "less", "often_thirsty"), "fluid_intake"));
        Add(ContributingFactor.PoorNutrition, "Poor nutrition", When(a.Is("regular_meals", "sometimes", "rarely"), "regular_meals"));
        Add(ContributingFactor.CertainMedications, "Certain medications",
            When(a.Has("supply_reducing_medicines", "pseudoephedrine", "antihistamine", "cabergoline", "other_reducing"), "supply_reducing_medicines"),
            When(a.Is("contraception", "combined"), "contraception"));
        return found;
    }

    private static List<string> Focus(List<FactorFinding> factors, List<RedFlag> flags)
    {
        var has = factors.Select(f => f.Factor).ToHashSet();
        var focus = new List<string>();
        if (has.Contains(ContributingFactor.IrregularBreastfeedingSessions) || has.Contains(ContributingFactor.ImproperLatchOn))
        {
            focus.Add("Milk removal first: refer to or co-manage with an IBCLC for latch, feed frequency and pumping plan");
            focus.Add("Milk let-down: relaxation around feeds");
        }

        if (has.Contains(ContributingFactor.HormonalImbalances))
        {
            focus.Add("Hormonal balance (prolactin), alongside a medical review");
        }

        if (has.Contains(ContributingFactor.HighStress))
        {
            focus.Add("Stress reduction and rest");
        }

        if (has.Contains(ContributingFactor.InadequateFluidIntake) || has.Contains(ContributingFactor.PoorNutrition))
        {
            focus.Add("Self-care: drink to thirst, regular meals, support at home");
        }

        if (has.Overlaps([ContributingFactor.Pcos, ContributingFactor.ThyroidDisorders, ContributingFactor.Diabetes,
                ContributingFactor.HormonalImbalances]))
        {
            focus.Add("Co-manage with doctor: a medical cause is suspected (underlying health issues)");
        }

        if (has.Contains(ContributingFactor.CertainMedications))
        {
            focus.Add("Co-manage with doctor: review medicines that can lower supply");
        }

        if (flags.Any(f => f.Tier >= FlagTier.SameDay))
        {
            focus.Insert(0, "Urgent: confirm the parent has acted on the red flags before treating");
        }

        return focus;
    }

    private static List<string> SafetyNotes(IntakeAnswers a)
    {
        var notes = new List<string>();
        if (a.Yes("blood_thinners")) notes.Add("Bleeding disorder or blood thinners: gentle needling, press after removal");
        if (a.Yes("pacemaker")) notes.Add("Pacemaker or implanted device: no electro-acupuncture");
        if (a.Yes("fainting")) notes.Add("History of fainting: treat lying down, watch closely");
        if (a.Yes("needle_fear")) notes.Add("Afraid of needles: explain each step, consider fewer points");
        if (a.Is("possibly_pregnant", "yes", "unsure")) notes.Add("May be pregnant: adjust points");
        if (a.Has("galactagogues", "metoclopramide")) notes.Add("Takes metoclopramide (depression warning): ask about mood at each visit");
        return notes;
    }

    private static string Evidence(IntakeAnswers a, string key, MeasurementUnits units)
    {
        var field = IntakeForm.Fields[key];
        return $"{field.Label}: {field.Display(a[key], units)}";
    }

    private static int ForDay(int[] minimums, int dayOfLife) =>
        minimums.Length == 0 ? 0 : minimums[Math.Min(dayOfLife, minimums.Length) - 1];

    private static decimal? Percent(int? weight, int? birth) =>
        weight is { } w && birth is { } b && b > 0 ? Math.Round((w - b) * 100m / b, 2) : null;
}

using System.Globalization;
using System.Text.RegularExpressions;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Features.Intake;
using ClinicBooking.Web.Infrastructure;

namespace ClinicBooking.UnitTests.Intake;

/// <summary>
/// Issue 15: the questionnaire, its messages and its red flags read in Spanish by a patient, with the same action
/// and urgency as the English, while the form, the rules and what is stored stay English.
/// </summary>
public sealed partial class SpanishIntakeTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly DateTime Now = Today.ToDateTime(new TimeOnly(15, 0));

    /// <summary>Runs <paramref name="body"/> with Spanish as the UI language, as a request asking for Spanish does.</summary>
    private static T InSpanish<T>(Func<T> body)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("es");
        try
        {
            Assert.Equal(Languages.Spanish, Languages.Current);
            return body();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static T InEnglish<T>(Func<T> body)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        try
        {
            return body();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    /// <summary>Words of English sentences that no Spanish sentence uses (as the integration tests' page check).</summary>
    private static readonly HashSet<string> EnglishWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "your", "you", "and", "with", "please", "this", "that", "what", "when", "will", "have", "here", "our",
        "from", "for", "are", "can", "need", "visit", "next", "back", "help", "call", "today", "now", "time", "more",
        "about", "how", "answer", "baby", "feeds", "feed", "days", "day", "hours", "hour", "weeks", "diaper", "diapers",
        "yes", "not", "any", "or", "of", "to", "in", "is", "it", "be", "an", "at", "on", "by", "enter", "like", "weight",
        "amount", "number", "doctor", "midwife", "breast", "nipple", "milk", "old", "than", "less", "none", "nothing",
    };

    private static IReadOnlyList<string> English(string text) =>
        Word().Matches(text).Select(m => m.Value).Where(EnglishWords.Contains).Distinct().ToList();

    [GeneratedRegex(@"\b[A-Za-z]+\b")]
    private static partial Regex Word();

    /// <summary>TemplateText's patterns time out by the clock: on a machine busy with other builds, a check is tried again.</summary>
    private static bool Retried(Func<bool> check)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return check();
            }
            catch (RegexMatchTimeoutException) when (attempt < 5)
            {
            }
        }
    }

    private static bool Has(string english) => !Text.For<IntakeText>()[english].ResourceNotFound;

    /// <summary>Every English text of the form a patient can be shown, with where it comes from.</summary>
    private static IEnumerable<(string Where, string English, IntakeField? Field, FieldOption? Option)> FormTexts()
    {
        yield return ("answer", "Not answered", null, null);
        yield return ("answer", "Yes", null, null);
        yield return ("answer", "No", null, null);
        foreach (var section in IntakeForm.Sections)
        {
            yield return ($"{section.Key} title", section.Title, null, null);
            yield return ($"{section.Key} intro", section.Intro, null, null);
            foreach (var field in section.Fields)
            {
                yield return ($"{field.Key} label", field.Label, field, null);
                foreach (var units in Enum.GetValues<MeasurementUnits>())
                {
                    if (field.HintFor(units) is { } hint)
                    {
                        yield return ($"{field.Key} hint ({units})", hint, field, null);
                    }
                }

                if (field.Unit is not null)
                {
                    yield return ($"{field.Key} unit", field.Unit, field, null);
                }

                foreach (var option in IntakeDisplay.Options(field))
                {
                    yield return ($"{field.Key} option {option.Value}", option.Label, field, option);
                }
            }
        }
    }

    [Fact]
    public void Every_section_title_intro_label_hint_unit_and_option_of_the_form_has_a_Spanish_translation()
    {
        var missing = InSpanish(() => FormTexts()
            .Where(t => t.Option is { } option ? !Has($"{option.Label} [{t.Field!.Key}]") && !Has(option.Label) : !Has(t.English))
            .Select(t => $"{t.Where}: {t.English}")
            .ToList());
        Assert.True(missing.Count == 0, $"{missing.Count} texts of the intake form have no Spanish:\n" + string.Join("\n", missing));

        // And what the page shows is that Spanish, with no English word left in it.
        var english = InSpanish(() => FormTexts().Select(t => (t.Where, Shown: t.Option is { } o ? IntakeDisplay.Option(t.Field!, o) : IntakeDisplay.Words(t.English)))
            .Where(t => English(t.Shown).Count > 0).Select(t => $"{t.Where}: {t.Shown}").ToList());
        Assert.True(english.Count == 0, "English left in Spanish form texts:\n" + string.Join("\n", english));
    }

    [Fact]
    public void The_form_reads_exactly_as_before_in_English()
    {
        InEnglish(() =>
        {
            foreach (var (_, text, field, option) in FormTexts())
            {
                Assert.Equal(text, option is not null ? IntakeDisplay.Option(field!, option) : IntakeDisplay.Words(text));
            }

            foreach (var field in IntakeForm.Fields.Values)
            {
                Assert.Equal(field.Label, IntakeDisplay.Label(field));
                Assert.Equal(field.HintFor(MeasurementUnits.US), IntakeDisplay.Hint(field, MeasurementUnits.US));
                foreach (var value in new[] { null, "", "yes", "no", "3400", "none", "formula,water", "12" })
                {
                    Assert.Equal(field.Display(value, MeasurementUnits.US), IntakeDisplay.Display(field, value, MeasurementUnits.US));
                }
            }

            return 0;
        });
    }

    [Fact]
    public void Stored_answers_read_in_Spanish_on_the_review_page()
    {
        InSpanish(() =>
        {
            Assert.Equal("Sin responder", IntakeDisplay.Display(IntakeForm.Fields["baby_fever"], null));
            Assert.Equal("Sí", IntakeDisplay.Display(IntakeForm.Fields["baby_fever"], "yes"));
            Assert.Equal("No", IntakeDisplay.Display(IntakeForm.Fields["baby_fever"], "no"));
            Assert.Equal("Fórmula, Agua u otras bebidas", IntakeDisplay.Display(IntakeForm.Fields["supplement_types"], "formula,water"));
            Assert.Equal("9 tomas", IntakeDisplay.Display(IntakeForm.Fields["feeds_24h"], "9"));
            Assert.Equal("7 lb 8 oz (3400 g)", IntakeDisplay.Display(IntakeForm.Fields["birth_weight_g"], "3400", MeasurementUnits.US));
            Assert.Equal("Ningún día", IntakeDisplay.Display(IntakeForm.Fields["phq_down"], "0"));
            Assert.Equal("Nada", IntakeDisplay.Display(IntakeForm.Fields["breast_change_pregnancy"], "not_at_all"));
            // What the patient typed is theirs.
            Assert.Equal("Vitamin D", IntakeDisplay.Display(IntakeForm.Fields["medications_text"], "Vitamin D"));
            return 0;
        });
    }

    private static IEnumerable<(string Name, IntakeThresholds Thresholds, MeasurementUnits Units, IntakeAnswers Answers)> Corpus()
    {
        static IntakeAnswers Answers(IEnumerable<string> pairs) =>
            new(pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]));
        static string Born(int daysAgo) => Today.AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var configured = new IntakeThresholds { EmergencyNumber = "112", CrisisLine = "the crisis line on 0800 000", CrisisPhone = "0800000" };
        foreach (var row in ClinicalRulesTests.Raisers)
        {
            var answers = Answers((string[])row[2]);
            foreach (var (name, thresholds) in new[] { ("default", new IntakeThresholds()), ("configured", configured) })
            {
                foreach (var units in Enum.GetValues<MeasurementUnits>())
                {
                    yield return ($"{row[0]} ({name}, {units})", thresholds, units, answers);
                }
            }
        }

        // The words that change with the numbers: one hour, one diaper, one feed, a baby one day old, no birth time,
        // several treatments, the fractions of a percentage and of an hour.
        string[][] variants =
        [
            ["baby_dob=" + Born(1), "baby_birth_time=14:00", "jaundice=mild"],
            ["baby_dob=" + Born(0), "baby_birth_time=09:30", "jaundice=spreading"],
            ["baby_dob=" + Born(1), "jaundice=mild"],
            ["baby_dob=" + Born(1), "wet_diapers_24h=1", "dirty_diapers_24h=0", "feeds_24h=1", "longest_gap_hours=5.5", "hours_since_wet_diaper=7"],
            ["baby_dob=" + Born(2), "wet_diapers_24h=0", "dirty_diapers_24h=1", "feeds_24h=0"],
            ["baby_dob=" + Born(10), "wet_diapers_24h=3", "dirty_diapers_24h=2", "feeds_24h=7", "longest_gap_hours=6"],
            ["baby_dob=" + Born(45), "dirty_diapers_24h=0", "hours_since_wet_diaper=8.5"],
            ["baby_dob=" + Born(4), "birth_weight_g=3333", "lowest_weight_g=2900"],
            ["baby_dob=" + Born(5), "birth_weight_g=3333", "lowest_weight_g=3050", "lowest_weight_date=" + Born(2)],
            ["baby_dob=" + Born(40), "birth_weight_g=3500", "lowest_weight_g=3100", "lowest_weight_date=" + Born(35),
                "latest_weight_g=3300", "latest_weight_date=" + Born(1)],
            ["baby_dob=" + Born(30), "jaundice=mild", "gestation_weeks=35"],
            ["breast_surgery=augmentation,reduction,lift,biopsy,piercing,radiation"],
            ["breast_surgery=augmentation"],
            ["harm_thoughts=yes", "galactagogues=metoclopramide", "phq_interest=3", "phq_down=3", "milk_came_in=never", "pph=transfusion"],
            ["breast_red_hot=yes", "parent_fever=yes", "breast_severe=yes", "breast_not_improving=yes"],
            ["breast_change_pregnancy=not_at_all", "retained_placenta=yes", "tongue_tie=diagnosed"],
        ];
        foreach (var variant in variants)
        {
            foreach (var units in Enum.GetValues<MeasurementUnits>())
            {
                yield return (string.Join(" ", variant), new IntakeThresholds(), units, Answers(variant));
                yield return (string.Join(" ", variant) + " (configured)", configured, units, Answers(variant));
            }
        }

        // Every baby age of the first three months with thin diapers and feeds, so each age-dependent sentence is met.
        for (var age = 0; age <= 92; age++)
        {
            yield return ($"age {age}", new IntakeThresholds(), MeasurementUnits.Metric, Answers(["baby_dob=" + Born(age), "wet_diapers_24h=1",
                "dirty_diapers_24h=0", "feeds_24h=5", "longest_gap_hours=7", "hours_since_wet_diaper=12", "jaundice=mild", "baby_fever=yes",
                "urate_crystals=yes", "birth_weight_g=3600", "latest_weight_g=3300", "latest_weight_date=" + Born(0)]));
        }
    }

    private static List<(string Name, IntakeThresholds Thresholds, RedFlag Flag)> AllFlags() =>
        Corpus().SelectMany(c => new IntakeAssessor(c.Thresholds).Assess(c.Answers, Now, c.Units).RedFlags.Select(f => (c.Name, c.Thresholds, f)))
            .ToList();

    [Fact]
    public void The_corpus_raises_every_rule_the_assessor_has()
    {
        var raised = AllFlags().Select(f => f.Flag.Id).ToHashSet();
        var never = RuleIds.All.Where(id => !raised.Contains(id)).ToList();
        Assert.True(never.Count == 0, "Rules the corpus never raises: " + string.Join(", ", never));
    }

    [Fact]
    public void Every_red_flag_and_its_guidance_is_translated_for_a_Spanish_reader()
    {
        var flags = AllFlags();
        var untranslated = InSpanish(() => flags
            .SelectMany(f => new[] { f.Flag.Rule, f.Flag.Guidance }
                .Where(text => !Retried(() => TemplateText.For<IntakeFlagText>().IsTranslated(text)))
                .Select(text => $"{f.Flag.Id}: {text}"))
            .Distinct().ToList());
        Assert.True(untranslated.Count == 0, $"{untranslated.Count} red-flag texts have no Spanish:\n" + string.Join("\n", untranslated));

        // As shown: no English word left (the clinic's own configured crisis line is the clinic's words, not ours).
        var english = InSpanish(() => flags.Where(f => f.Thresholds.CrisisLine == new IntakeThresholds().CrisisLine)
            .SelectMany(f => new[] { IntakeDisplay.Rule(f.Flag), IntakeDisplay.Guidance(f.Flag, f.Thresholds.CrisisLine) })
            .Where(shown => English(shown).Count > 0).Distinct().ToList());
        Assert.True(english.Count == 0, "English left in Spanish red flags:\n" + string.Join("\n", english));
    }

    [Fact]
    public void Spanish_guidance_says_the_same_action_with_the_same_urgency_and_the_same_numbers()
    {
        InSpanish(() =>
        {
            foreach (var (name, thresholds, flag) in AllFlags())
            {
                var guidance = IntakeDisplay.Guidance(flag, thresholds.CrisisLine);
                var why = $"{flag.Id} ({name}): {flag.Guidance} → {guidance}";
                // The number to call, the crisis line's number, and every figure of the English are kept.
                foreach (Match number in Regex.Matches(flag.Guidance, @"\d+"))
                {
                    Assert.True(guidance.Contains(number.Value, StringComparison.Ordinal), why);
                }

                foreach (Match number in Regex.Matches(flag.Rule, @"\d+(\.\d+)?"))
                {
                    Assert.True(IntakeDisplay.Rule(flag).Contains(number.Value, StringComparison.Ordinal), $"{flag.Id}: {flag.Rule} → {IntakeDisplay.Rule(flag)}");
                }

                // Now stays now, today stays today, and a call stays a call.
                Assert.Equal(flag.Guidance.Contains(" now", StringComparison.Ordinal), guidance.Contains("ahora", StringComparison.Ordinal));
                Assert.Equal(flag.Guidance.Contains("today", StringComparison.OrdinalIgnoreCase), guidance.Contains("hoy", StringComparison.Ordinal));
                Assert.Equal(flag.Guidance.Contains($"call {thresholds.EmergencyNumber}", StringComparison.OrdinalIgnoreCase),
                    guidance.Contains($"llame al {thresholds.EmergencyNumber}", StringComparison.OrdinalIgnoreCase));
                Assert.Equal(flag.Guidance.Contains("emergency department", StringComparison.Ordinal), guidance.Contains("sala de emergencias", StringComparison.Ordinal));
                Assert.Equal(flag.Guidance.Contains("baby's doctor", StringComparison.Ordinal), guidance.Contains("médico de su bebé", StringComparison.Ordinal));
                Assert.Equal(flag.Guidance.Contains("urgent care", StringComparison.Ordinal), guidance.Contains("atención urgente", StringComparison.Ordinal));
            }

            var call = IntakeDisplay.Guidance(new IntakeAssessor(new IntakeThresholds()).Assess(
                new IntakeAnswers(new Dictionary<string, string> { ["baby_emergency_signs"] = "yes" }), Now).RedFlags.Single(), null);
            Assert.Equal("Llame al 911 ahora o vaya a la sala de emergencias más cercana.", call);
            var harm = new IntakeAssessor(new IntakeThresholds()).Assess(
                new IntakeAnswers(new Dictionary<string, string> { ["harm_thoughts"] = "yes" }), Now).RedFlags.Single();
            Assert.Contains("Línea 988 de Prevención del Suicidio y Crisis", IntakeDisplay.Guidance(harm, new IntakeThresholds().CrisisLine));
            return 0;
        });
    }

    [Fact]
    public void Numbers_of_one_read_in_the_singular_and_the_stored_flag_stays_English()
    {
        var assessor = new IntakeAssessor(new IntakeThresholds());
        var flags = assessor.Assess(new IntakeAnswers(new Dictionary<string, string>
        {
            ["baby_dob"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["baby_birth_time"] = "14:00", ["jaundice"] = "mild",
        }), Now).RedFlags.Concat(assessor.Assess(new IntakeAnswers(new Dictionary<string, string>
        {
            ["baby_dob"] = Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["wet_diapers_24h"] = "0", ["feeds_24h"] = "1",
        }), Now).RedFlags).ToList();
        InSpanish(() =>
        {
            var shown = flags.Select(IntakeDisplay.Rule).ToList();
            Assert.Contains("Ictericia en las primeras 24 horas de vida (su bebé tiene 1 hora de vida)", shown);
            Assert.Contains("1 toma en 24 horas con 1 día de vida (menos de 6)", shown);
            Assert.Contains("0 pañales mojados en 24 horas; lo mínimo esperado con 1 día de vida es 2", shown);
            return 0;
        });
        Assert.Contains(flags, f => f.Rule == "1 feed in 24 hours at 1 days old (fewer than 6)");
        Assert.Equal(flags.Select(f => f.Rule), InEnglish(() => flags.Select(IntakeDisplay.Rule).ToList()));
        Assert.Equal(flags.Select(f => f.Guidance), InEnglish(() => flags.Select(f => IntakeDisplay.Guidance(f, "x")).ToList()));
    }

    [Fact]
    public void A_previous_breast_surgery_names_each_treatment_in_Spanish()
    {
        var flag = new IntakeAssessor(new IntakeThresholds()).Assess(new IntakeAnswers(new Dictionary<string, string>
        {
            ["breast_surgery"] = "augmentation,piercing,radiation",
        }), Now).RedFlags.Single();
        Assert.Equal("Previous breast or nipple surgery or treatment (enlargement, nipple piercing, radiation to the chest)", flag.Rule);
        Assert.Equal("Cirugía o tratamiento previo en los senos o pezones (aumento, perforación del pezón (piercing), radioterapia en el pecho)",
            InSpanish(() => IntakeDisplay.Rule(flag)));
    }

    /// <summary>Every message the validator can give, by posting wrong answers to every question in both units.</summary>
    private static List<(string Key, string Message)> ValidatorMessages()
    {
        var found = new List<(string, string)>();
        string[][] wrong =
        [
            ["x"], ["-5"], ["99999"], ["3.25"], ["1.5"], ["3300"], ["45"], ["2999-01-01"], ["1900-01-01"], ["25:99"], ["maybe"],
            ["a", "b"], ["bad\0"], ["bell\u0007"], [new string('x', 1200)], ["7 lb 20 oz"], ["1 oz"], ["none", "formula"], ["none", "pcos"],
            ["none", "augmentation"], ["none", "pseudoephedrine"], ["none", "domperidone"], ["none", "weak_suck"], ["bogus"],
        ];
        foreach (var units in Enum.GetValues<MeasurementUnits>())
        {
            foreach (var section in IntakeForm.Sections)
            {
                foreach (var field in section.Fields)
                {
                    foreach (var posted in wrong)
                    {
                        var result = IntakeValidator.Validate(section, key => key == field.Key ? posted : [], Today, IntakeAnswers.Empty, units);
                        found.AddRange(result.Errors.Select(e => (e.Key, e.Message)));
                    }
                }

                found.AddRange(IntakeValidator.UnansweredWarningSigns(section, new Dictionary<string, string>()).Select(e => (e.Key, e.Message)));
            }
        }

        // The baby's dates and weights against each other, and every required answer missing.
        Dictionary<string, string[]> dates = new()
        {
            ["baby_dob"] = [Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
            ["birth_weight_g"] = ["3000"], ["lowest_weight_g"] = ["3100"],
            ["lowest_weight_date"] = [Today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
            ["latest_weight_g"] = ["3200"],
        };
        found.AddRange(IntakeValidator.Validate(IntakeForm.Section("baby")!, key => dates.GetValueOrDefault(key) ?? [], Today, IntakeAnswers.Empty)
            .Errors.Select(e => (e.Key, e.Message)));
        dates["latest_weight_date"] = [Today.AddDays(-4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
        dates["baby_dob"] = [Today.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
        found.AddRange(IntakeValidator.Validate(IntakeForm.Section("baby")!, key => dates.GetValueOrDefault(key) ?? [], Today, IntakeAnswers.Empty)
            .Errors.Select(e => (e.Key, e.Message)));
        found.AddRange(IntakeValidator.Missing(IntakeAnswers.Empty, Today).Select(e => (e.Key, e.Message)));
        found.AddRange(IntakeValidator.Missing(new IntakeAnswers(new Dictionary<string, string> { ["baby_dob"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }), Today)
            .Select(e => (e.Key, e.Message)));
        return found.Distinct().ToList();
    }

    [Fact]
    public void Every_validator_message_is_translated_for_a_Spanish_reader()
    {
        var messages = ValidatorMessages();
        // The posts above reach every kind of message the validator has.
        foreach (var expected in new[]
                 {
                     IntakeValidator.WarningSignUnanswered, "Choose one answer.", "This answer contains characters we cannot store.",
                     "Please keep this to 1000 characters or fewer.", "Enter a whole number, like 4.", "Enter a number from 22 to 44 weeks.",
                     "Enter a number, like 3 or 3.5.", "Enter a date, like 2026-11-20.", "This date is in the future. Please check it.",
                     "This date is more than three years ago. Please check it.", "Add a unit, like 7 lb 4 oz or 3300 g.",
                     "Enter the weight in pounds and ounces, like 7 lb 4 oz, or in grams, like 3290 g.", "Enter the weight in grams, like 3400.",
                     "Enter the amount in fluid ounces, like 4 fl oz, or in mL, like 120 mL.", "Enter the amount in mL, like 120.",
                     "Enter a time on the 24-hour clock, like 14:30.", "Choose yes or no.", "Choose one of the options.",
                     "Choose from the options shown.", "\"None of these\" cannot be ticked with other options.",
                     "Please add the time of birth: we need it while your baby is under 3 days old.",
                     "Please add the date of the most recent weight.", "The most recent weight should be on or after the lowest weight.",
                     "The lowest weight cannot be more than the birth weight.", "This date is before baby's date of birth. Please check it.",
                     "Please answer: Baby's date of birth",
                 })
        {
            Assert.True(messages.Any(m => m.Message == expected), $"The posts never gave \"{expected}\"");
        }

        Assert.Contains(messages, m => m.Message.StartsWith("Enter a weight from 0 lb 14 oz (400 g) to", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Message.Contains("If you meant mL, add mL, like 99999 mL.", StringComparison.Ordinal));

        var untranslated = InSpanish(() => messages
            .Where(m => !m.Message.StartsWith("Please answer: ", StringComparison.Ordinal) && !m.Message.Contains("cannot be ticked", StringComparison.Ordinal))
            .Where(m => !Retried(() => TemplateText.For<IntakeMessageText>().IsTranslated(m.Message)))
            .Select(m => m.Message).Distinct().ToList());
        Assert.True(untranslated.Count == 0, $"{untranslated.Count} validator messages have no Spanish:\n" + string.Join("\n", untranslated));

        var english = InSpanish(() => messages.Select(m => (m.Message, Shown: IntakeDisplay.Error(m.Key, m.Message)))
            .Where(m => English(m.Shown).Count > 0 || m.Shown == m.Message).Select(m => $"{m.Message} → {m.Shown}").Distinct().ToList());
        Assert.True(english.Count == 0, "English left in Spanish validator messages:\n" + string.Join("\n", english));

        Assert.All(messages, m => Assert.Equal(m.Message, InEnglish(() => IntakeDisplay.Error(m.Key, m.Message))));
        InSpanish(() =>
        {
            Assert.Equal("Por favor, responda: Fecha de nacimiento del bebé", IntakeDisplay.Error("baby_dob", "Please answer: Baby's date of birth"));
            Assert.Equal("Escriba un número del 22 al 44 (semanas).", IntakeDisplay.Error("gestation_weeks", "Enter a number from 22 to 44 weeks."));
            return 0;
        });
    }

    [Theory]
    [InlineData("7 libras y 4 onzas", MeasurementUnits.Metric, 3289)]
    [InlineData("7 libras 4 onzas", MeasurementUnits.US, 3289)]
    [InlineData("3290 gramos", MeasurementUnits.US, 3290)]
    [InlineData("3290 gr", MeasurementUnits.Metric, 3290)]
    [InlineData("3.3 kilogramos", MeasurementUnits.Metric, 3300)]
    [InlineData("116 onzas", MeasurementUnits.Metric, 3289)]
    public void A_weight_typed_with_Spanish_units_is_read(string text, MeasurementUnits units, int grams) =>
        Assert.Equal(grams, Measurements.ParseWeightGrams(text, units));

    [Theory]
    [InlineData("2 onzas", MeasurementUnits.Metric, 59)]
    [InlineData("2 onzas líquidas", MeasurementUnits.Metric, 59)]
    [InlineData("2 oz. líq.", MeasurementUnits.Metric, 59)]
    [InlineData("60 mililitros", MeasurementUnits.US, 60)]
    public void A_volume_typed_with_Spanish_units_is_read(string text, MeasurementUnits units, int millilitres) =>
        Assert.Equal(millilitres, Measurements.ParseVolumeMillilitres(text, units));
}

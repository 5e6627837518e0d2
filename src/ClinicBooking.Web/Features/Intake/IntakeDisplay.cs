using System.Text.RegularExpressions;
using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Infrastructure;

namespace ClinicBooking.Web.Features.Intake;

/// <summary>
/// The questionnaire, its messages and its red flags in the patient's language, at display (issue 15). The form,
/// the rules and what is stored stay English (staff pages read them so); in English every method here returns the
/// text exactly as before. Form words come from <see cref="IntakeText"/>, validator messages and red flags, built
/// earlier in English with numbers in them, through <see cref="TemplateText"/> (<see cref="IntakeMessageText"/>,
/// <see cref="IntakeFlagText"/>). Words inside a sentence (a field's label, an option, the crisis line) are
/// translated too, so no English is left in a Spanish sentence.
/// </summary>
public static partial class IntakeDisplay
{
    private static bool English => Languages.Current == Languages.English;

    /// <summary>One of the form's own words (a title, label, hint, unit, option) in the current language.</summary>
    public static string Words(string english) => English ? english : Text.Get<IntakeText>(english);

    public static string Title(IntakeSection section) => Words(section.Title);

    public static string Intro(IntakeSection section) => Words(section.Intro);

    public static string Label(IntakeField field) => Words(field.Label);

    /// <summary>The hint in the clinic's units (<see cref="IntakeField.HintFor"/>), in the current language.</summary>
    public static string? Hint(IntakeField field, MeasurementUnits units) => field.HintFor(units) is { } hint ? Words(hint) : null;

    public static string? Unit(IntakeField field) => field.Unit is null ? null : Words(field.Unit);

    /// <summary>An option's label: "Label [field_key]" first, for a word that differs by question, then the label.</summary>
    public static string Option(IntakeField field, FieldOption option)
    {
        if (English)
        {
            return option.Label;
        }

        var specific = Text.For<IntakeText>()[$"{option.Label} [{field.Key}]"];
        return specific.ResourceNotFound ? Words(option.Label) : specific.Value;
    }

    /// <summary>The answers a question offers: Yes and No for a yes/no question, else its options.</summary>
    public static IReadOnlyList<FieldOption> Options(IntakeField field) =>
        field.Kind == FieldKind.YesNo ? [new FieldOption("yes", "Yes"), new FieldOption("no", "No")] : field.Choices;

    /// <summary>A stored answer for reading, as <see cref="IntakeField.Display"/> gives it, in the current language.</summary>
    public static string Display(IntakeField field, string? value, MeasurementUnits units = MeasurementUnits.Metric)
    {
        if (English || string.IsNullOrEmpty(value))
        {
            return English ? field.Display(value, units) : Words("Not answered");
        }

        string Choice(string v) => field.Choices.FirstOrDefault(o => o.Value == v) is { } o ? Option(field, o) : v;
        return field.Kind switch
        {
            FieldKind.YesNo => Words(value == "yes" ? "Yes" : "No"),
            FieldKind.Choice => Choice(value),
            FieldKind.Multi => string.Join(", ", value.Split(',').Select(Choice)),
            FieldKind.Weight or FieldKind.Volume => field.Display(value, units),
            _ when field.Unit is not null => $"{value} {Unit(field)}",
            _ => value,
        };
    }

    /// <summary>A validator message (<see cref="IntakeValidator"/>) for the field <paramref name="key"/>, in the current language.</summary>
    public static string Error(string key, string message)
    {
        if (English)
        {
            return message;
        }

        if (IntakeForm.Fields.GetValueOrDefault(key) is { } field)
        {
            // Sentences that name the question or one of its options: the name is translated with the sentence.
            if (message == $"Please answer: {field.Label}")
            {
                return Text.Get<IntakeMessageText>("Please answer: {0}", Label(field));
            }

            if (field.Choices.FirstOrDefault(o => o.Value == "none") is { } none
                && message == $"\"{none.Label}\" cannot be ticked with other options.")
            {
                return Text.Get<IntakeMessageText>("\"{0}\" cannot be ticked with other options.", Option(field, none));
            }
        }

        return Singular(Template<IntakeMessageText>(message));
    }

    /// <summary>What a red flag found, as the patient is shown it; the stored English is unchanged.</summary>
    public static string Rule(RedFlag flag)
    {
        if (English)
        {
            return flag.Rule;
        }

        if (flag.Id == RuleIds.PreviousBreastSurgery && SurgeryRule().Match(flag.Rule) is { Success: true } surgery)
        {
            // The treatments are the question's options, lower-cased in the English sentence.
            var field = IntakeForm.Fields["breast_surgery"];
            var named = surgery.Groups[1].Value.Split(", ").Select(part =>
                field.Choices.FirstOrDefault(o => o.Label.ToLowerInvariant() == part) is { } o ? Option(field, o).ToLowerInvariant() : part);
            return Text.Get<IntakeFlagText>("Previous breast or nipple surgery or treatment ({0})", string.Join(", ", named));
        }

        return Singular(Template<IntakeFlagText>(flag.Rule));
    }

    /// <summary>
    /// What the patient should do, in the current language, with the same action and urgency as the English. The
    /// clinic's crisis line (<see cref="IntakeThresholds.CrisisLine"/>) is named in the language too when it has a
    /// translation; the emergency and crisis numbers stay as configured.
    /// </summary>
    public static string Guidance(RedFlag flag, string? crisisLine)
    {
        if (English)
        {
            return flag.Guidance;
        }

        var guidance = Singular(Template<IntakeFlagText>(flag.Guidance));
        if (!string.IsNullOrEmpty(crisisLine) && guidance.Contains(crisisLine, StringComparison.Ordinal)
            && Text.For<IntakeFlagText>()[crisisLine] is { ResourceNotFound: false } line)
        {
            guidance = guidance.Replace(crisisLine, line.Value, StringComparison.Ordinal);
        }

        return guidance;
    }

    /// <summary>
    /// <see cref="TemplateText"/>'s translation. Its patterns have a time limit measured by the clock, which a busy
    /// server can pass on a sentence that takes a millisecond: urgent guidance is then tried again, and at worst shown
    /// in English, never replaced by an error page.
    /// </summary>
    private static string Template<TAnchor>(string english)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return TemplateText.For<TAnchor>()[english];
            }
            catch (RegexMatchTimeoutException) when (attempt < 3)
            {
            }
            catch (RegexMatchTimeoutException)
            {
                return english;
            }
        }
    }

    /// <summary>A Spanish sentence made from a template says "1 día" and "1 hora", not "1 días".</summary>
    private static string Singular(string text) =>
        Languages.Current == Languages.Spanish ? OneDay().Replace(text, "1 $1") : text;

    [GeneratedRegex(@"^Previous breast or nipple surgery or treatment \((.+)\)$")]
    private static partial Regex SurgeryRule();

    [GeneratedRegex(@"(?<![\d.,])1 (día|hora)s\b")]
    private static partial Regex OneDay();
}

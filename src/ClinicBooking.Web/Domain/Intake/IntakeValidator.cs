using System.Globalization;

namespace ClinicBooking.Web.Domain.Intake;

public sealed record FieldError(string Key, string Message);

/// <summary>The clean answers of one section, or the errors that stop it being saved.</summary>
public sealed record SectionResult(IReadOnlyDictionary<string, string> Values, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Checks what a patient posted for one section against the form definition: types, ranges, known options,
/// lengths, dates not in the future, control characters. Pure: the caller passes the clinic's "today".
/// </summary>
public static class IntakeValidator
{
    /// <summary>How far back a baby's birth date may be: the clinic sees babies in their first year or two.</summary>
    public const int OldestBabyDays = 3 * 366;

    /// <summary>A baby younger than this many days needs a time of birth: first-day jaundice is judged by hours.</summary>
    public const int BirthTimeNeededUnderDays = 3;

    /// <param name="units">How weights and volumes are typed and explained at this clinic; stored values are grams and mL either way.</param>
    public static SectionResult Validate(IntakeSection section, Func<string, IReadOnlyList<string>> posted,
        DateOnly today, IntakeAnswers saved, MeasurementUnits units = MeasurementUnits.Metric)
    {
        var values = new Dictionary<string, string>();
        var errors = new List<FieldError>();
        foreach (var field in section.Fields)
        {
            var raw = posted(field.Key);
            var (value, error) = field.Kind == FieldKind.Multi ? Multi(field, raw) : Single(field, raw, today, units);
            if (error is not null)
            {
                errors.Add(new FieldError(field.Key, error));
            }
            else
            {
                values[field.Key] = value;
            }
        }

        if (section.Key == "baby" && errors.Count == 0)
        {
            errors.AddRange(CheckBabyDates(saved.With(values), today));
        }

        return new SectionResult(values, errors);
    }

    public const string WarningSignUnanswered =
        "Please answer yes or no now: this question tells us whether you or your baby need help straight away.";

    /// <summary>
    /// The required yes/no questions (warning signs, and the two questions that decide whether needling is safe) of
    /// <paramref name="section"/> left unanswered in <paramref name="values"/>. A step is not saved with one of them
    /// open: an emergency must never pass silently until Submit. Other required answers may wait (the step says so).
    /// </summary>
    public static IReadOnlyList<FieldError> UnansweredWarningSigns(IntakeSection section, IReadOnlyDictionary<string, string> values) =>
        section.Fields.Where(IntakeForm.MustAnswerOnSave)
            .Where(f => string.IsNullOrEmpty(values.GetValueOrDefault(f.Key)))
            .Select(f => new FieldError(f.Key, WarningSignUnanswered))
            .ToList();

    /// <summary>
    /// Required answers still missing, for the review page and submit. With <paramref name="today"/>, answers
    /// required only sometimes count too (the time of birth of a baby under 3 days old).
    /// </summary>
    public static IReadOnlyList<FieldError> Missing(IntakeAnswers answers, DateOnly? today = null) =>
        IntakeForm.Sections.SelectMany(s => s.Fields)
            .Where(f => answers[f.Key] is null && (f.Required || (today is { } d && RequiredNow(f.Key, answers, d))))
            .Select(f => new FieldError(f.Key, $"Please answer: {f.Label}"))
            .ToList();

    /// <summary>Whether an optional question must be answered, given the other answers.</summary>
    public static bool RequiredNow(string key, IntakeAnswers answers, DateOnly today) => key switch
    {
        "baby_birth_time" => answers.Date("baby_dob") is { } dob && today.DayNumber - dob.DayNumber < BirthTimeNeededUnderDays,
        _ => false,
    };

    private static (string Value, string? Error) Single(IntakeField field, IReadOnlyList<string> raw, DateOnly today, MeasurementUnits units)
    {
        if (raw.Count > 1)
        {
            return ("", "Choose one answer.");
        }

        var text = raw.Count == 0 ? "" : raw[0];
        if (text.Contains('\0'))
        {
            return ("", "This answer contains characters we cannot store.");
        }

        text = text.Trim();
        if (text.Length == 0)
        {
            return ("", null);
        }

        switch (field.Kind)
        {
            case FieldKind.Text:
                if (text.Length > field.MaxLength)
                {
                    return ("", $"Please keep this to {field.MaxLength} characters or fewer.");
                }

                return text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'))
                    ? ("", "This answer contains characters we cannot store.")
                    : (text.ReplaceLineEndings("\n"), null);

            case FieldKind.Number:
            case FieldKind.Scale:
                if (text.Length > 12 || !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
                {
                    return ("", $"Enter a whole number, like {Example(field)}.");
                }

                return whole < field.Min || whole > field.Max
                    ? ("", $"Enter a number from {field.Min} to {field.Max}{Unit(field)}.")
                    : (whole.ToString(CultureInfo.InvariantCulture), null);

            case FieldKind.Decimal:
                if (text.Length > 12 || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                    || decimal.Round(number, 1) != number)
                {
                    return ("", "Enter a number, like 3 or 3.5.");
                }

                return number < field.Min || number > field.Max
                    ? ("", $"Enter a number from {field.Min} to {field.Max}{Unit(field)}.")
                    : (number.ToString("0.#", CultureInfo.InvariantCulture), null);

            case FieldKind.Date:
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return ("", "Enter a date, like 2026-11-20.");
                }

                if (date > today)
                {
                    return ("", "This date is in the future. Please check it.");
                }

                return date < today.AddDays(-OldestBabyDays)
                    ? ("", "This date is more than three years ago. Please check it.")
                    : (date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);

            case FieldKind.Weight:
                if (Measurements.ParseWeightGrams(text, units) is not { } grams)
                {
                    return ("", units == MeasurementUnits.US
                        ? Measurements.IsBareNumber(text)
                            ? "Add a unit, like 7 lb 4 oz or 3300 g."
                            : "Enter the weight in pounds and ounces, like 7 lb 4 oz, or in grams, like 3290 g."
                        : "Enter the weight in grams, like 3400.");
                }

                return grams < field.Min || grams > field.Max
                    ? ("", $"Enter a weight from {Measurements.FormatWeight((int)field.Min, units)} to {Measurements.FormatWeight((int)field.Max, units)}.")
                    : (grams.ToString(CultureInfo.InvariantCulture), null);

            case FieldKind.Volume:
                if (Measurements.ParseVolumeMillilitres(text, units) is not { } ml)
                {
                    return ("", units == MeasurementUnits.US
                        ? "Enter the amount in fluid ounces, like 4 fl oz, or in mL, like 120 mL."
                        : "Enter the amount in mL, like 120.");
                }

                // At a US clinic a bare number is fluid ounces: one too large was probably meant as mL.
                return ml < field.Min || ml > field.Max
                    ? ("", $"Enter an amount from {Measurements.FormatVolume((int)field.Min, units)} to {Measurements.FormatVolume((int)field.Max, units)}."
                           + (units == MeasurementUnits.US && Measurements.IsBareNumber(text) ? $" If you meant mL, add mL, like {text} mL." : ""))
                    : (ml.ToString(CultureInfo.InvariantCulture), null);

            case FieldKind.Time:
                // Browsers send HH:mm from a time field; "9:05" typed by hand is fine too. Seconds are dropped.
                return TimeOnly.TryParseExact(text, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                    ? (time.ToString("HH:mm", CultureInfo.InvariantCulture), null)
                    : ("", "Enter a time on the 24-hour clock, like 14:30.");

            case FieldKind.YesNo:
                return text is "yes" or "no" ? (text, null) : ("", "Choose yes or no.");

            case FieldKind.Choice:
                return field.Choices.Any(o => o.Value == text) ? (text, null) : ("", "Choose one of the options.");

            default:
                return ("", "This answer cannot be read.");
        }
    }

    private static (string Value, string? Error) Multi(IntakeField field, IReadOnlyList<string> raw)
    {
        var chosen = raw.Select(r => r.Trim()).Where(r => r.Length > 0).ToList();
        if (chosen.Count != chosen.Distinct().Count() || chosen.Any(c => field.Choices.All(o => o.Value != c)))
        {
            return ("", "Choose from the options shown.");
        }

        if (chosen.Contains("none") && chosen.Count > 1)
        {
            return ("", $"\"{field.Choices.First(o => o.Value == "none").Label}\" cannot be ticked with other options.");
        }

        // Stored in the form's order, so the same choice is always the same string.
        return (string.Join(',', field.Choices.Select(o => o.Value).Where(chosen.Contains)), null);
    }

    private static IEnumerable<FieldError> CheckBabyDates(IntakeAnswers a, DateOnly today)
    {
        var dob = a.Date("baby_dob");
        if (a["baby_birth_time"] is null && RequiredNow("baby_birth_time", a, today))
        {
            yield return new FieldError("baby_birth_time",
                $"Please add the time of birth: we need it while your baby is under {BirthTimeNeededUnderDays} days old.");
        }

        if (a["latest_weight_g"] is not null && a["latest_weight_date"] is null)
        {
            yield return new FieldError("latest_weight_date", "Please add the date of the most recent weight.");
        }

        foreach (var key in new[] { "lowest_weight_date", "latest_weight_date" })
        {
            if (dob is { } born && a.Date(key) is { } d && d < born)
            {
                yield return new FieldError(key, "This date is before baby's date of birth. Please check it.");
            }
        }

        if (a.Date("lowest_weight_date") is { } low && a.Date("latest_weight_date") is { } latest && latest < low)
        {
            yield return new FieldError("latest_weight_date", "The most recent weight should be on or after the lowest weight.");
        }

        if (a.Int("lowest_weight_g") is { } lowest && a.Int("birth_weight_g") is { } birth && lowest > birth)
        {
            yield return new FieldError("lowest_weight_g", "The lowest weight cannot be more than the birth weight.");
        }
    }

    private static string Unit(IntakeField field) => field.Unit is null ? "" : " " + field.Unit;

    private static string Example(IntakeField field) => field.Unit switch
    {
        "g" => "3400",
        "mL" => "120",
        _ => "4",
    };
}

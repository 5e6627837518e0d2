using ClinicBooking.Web.Domain.Intake;
using Microsoft.Extensions.Primitives;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// What no field of this app ever needs, checked once for every query string and form before any page sees it:
/// invisible control and bidirectional-override characters (used to disguise text), line breaks outside the
/// few multi-line boxes (header injection in names and addresses), and the same parameter given twice where
/// the form never does so. Pure, so the rules are unit-tested.
/// </summary>
public static class InputRules
{
    public const string Message =
        "Some of what was sent has hidden characters, line breaks or repeated fields that our forms never send. Please go back, retype it and try again.";

    /// <summary>Fields that are text areas: line breaks are expected there.</summary>
    private static readonly HashSet<string> MultiLine = new(
        IntakeForm.Sections.SelectMany(s => s.Fields).Where(f => f.Kind == FieldKind.Text && f.MaxLength > 200).Select(f => f.Key)
            .Concat(["Outcome.Notes", "Input.Bio", "Bio"]),
        StringComparer.Ordinal);

    /// <summary>
    /// Fields whose checkboxes may send several values (and "name[]" arrays, as Hangfire's dashboard sends), and the
    /// course form's one time per session (Starts; the action refuses more than a course can hold).
    /// </summary>
    private static readonly HashSet<string> MultiValued = new(
        IntakeForm.Sections.SelectMany(s => s.Fields).Where(f => f.Kind == FieldKind.Multi).Select(f => f.Key)
            // The waitlist's weekday and time-of-day checkboxes.
            .Concat(["Days", "Times", "Starts"]),
        StringComparer.Ordinal);

    /// <summary>Null when every value is acceptable; otherwise which parameter broke which rule (no value).</summary>
    public static string? Check(IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        foreach (var (key, values) in parameters)
        {
            if (!Acceptable(key, multiLine: false))
            {
                return "a parameter name has characters we cannot accept";
            }

            // ASP.NET's checkbox helper sends "true" and a hidden "false" under one name; nothing else repeats.
            // MVC's number and date inputs add one hidden "__Invariant" per field, naming it.
            if (values.Count > 1 && !MultiValued.Contains(key) && key != "__Invariant" && !key.EndsWith("[]", StringComparison.Ordinal)
                && !(values.Count == 2 && values.Contains("false")))
            {
                return $"{key} was sent {values.Count} times";
            }

            foreach (var value in values)
            {
                if (value is not null && !Acceptable(value, MultiLine.Contains(key)))
                {
                    return $"{key} has control, bidirectional-override or line-break characters";
                }
            }
        }

        return null;
    }

    public static bool Acceptable(string value, bool multiLine)
    {
        foreach (var c in value)
        {
            var bad = c switch
            {
                '\r' or '\n' => !multiLine,
                '\t' => false,
                < ' ' or '\u007F' => true,
                >= '\u0080' and <= '\u009F' => true,
                // Bidirectional embeddings, overrides and isolates, and the byte-order mark / zero-width no-break space.
                >= '\u202A' and <= '\u202E' => true,
                >= '\u2066' and <= '\u2069' => true,
                '\uFEFF' => true,
                _ => false,
            };
            if (bad)
            {
                return false;
            }
        }

        return true;
    }
}

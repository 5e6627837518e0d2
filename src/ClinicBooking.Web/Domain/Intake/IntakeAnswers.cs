using System.Globalization;

namespace ClinicBooking.Web.Domain.Intake;

/// <summary>
/// A set of answers keyed by <see cref="IntakeField.Key"/>, stored as validated invariant strings ("yes",
/// "3250", "2026-11-20", "formula,donor"). Typed readers return null for a missing or unreadable answer.
/// </summary>
public sealed class IntakeAnswers(IReadOnlyDictionary<string, string> values)
{
    public static readonly IntakeAnswers Empty = new(new Dictionary<string, string>());

    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public string? this[string key] => Values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

    public int? Int(string key) =>
        int.TryParse(this[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    public decimal? Decimal(string key) =>
        decimal.TryParse(this[key], NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : null;

    public DateOnly? Date(string key) =>
        DateOnly.TryParseExact(this[key], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v : null;

    public bool Yes(string key) => this[key] == "yes";

    public bool Is(string key, params string[] options) => this[key] is { } v && options.Contains(v);

    /// <summary>For multi-choice answers: whether any of <paramref name="options"/> was ticked.</summary>
    public bool Has(string key, params string[] options) =>
        this[key] is { } v && v.Split(',').Any(options.Contains);

    public IntakeAnswers With(IReadOnlyDictionary<string, string> changes)
    {
        var merged = new Dictionary<string, string>(Values);
        foreach (var (key, value) in changes)
        {
            if (value.Length == 0)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value;
            }
        }

        return new IntakeAnswers(merged);
    }
}

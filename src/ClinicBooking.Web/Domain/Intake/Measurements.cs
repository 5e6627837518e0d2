using System.Globalization;
using System.Text.RegularExpressions;

namespace ClinicBooking.Web.Domain.Intake;

/// <summary>How a clinic's parents weigh babies and measure milk: grams and mL, or pounds, ounces and fluid ounces.</summary>
public enum MeasurementUnits
{
    Metric,
    US,
}

/// <summary>
/// Reads weights and volumes as parents type them ("7 lb 4 oz", "116 oz", "3290 g"; "2 fl oz", "60 ml"; in Spanish
/// too: "7 libras y 4 onzas", "3290 gramos", "2 onzas", "60 mililitros") and
/// formats stored grams and mL for the clinic's units. Answers are always stored in grams and mL, so the rules
/// never see pounds. A number without a unit is read in the clinic's units: grams and mL for a metric clinic; fluid
/// ounces, and pounds up to <see cref="MaxBarePounds"/>, for a US clinic (a larger bare weight needs a unit). Pure.
/// </summary>
public static partial class Measurements
{
    public const decimal GramsPerPound = 453.59237m;
    public const decimal GramsPerOunce = 28.349523125m;
    public const decimal MillilitresPerFluidOunce = 29.5735295625m;

    /// <summary>
    /// At a US clinic a bare number up to this is a baby's weight in pounds ("7.5"); above it ("3300") it could be
    /// grams typed without a unit, so it is refused and a unit asked for.
    /// </summary>
    public const decimal MaxBarePounds = 40m;

    // Longer text than this is not a weight; it also keeps the regex and decimal arithmetic small.
    private const int MaxInputLength = 40;

    // Every number read is capped before arithmetic, so no input can overflow decimal or int.
    private const decimal MaxNumber = 1_000_000m;

    /// <summary>
    /// Reads a weight in grams, or null if the text is not one. Any unit is accepted whatever the clinic's units; a
    /// bare number is grams at a metric clinic, and pounds (up to <see cref="MaxBarePounds"/>, else null) at a US one.
    /// </summary>
    public static int? ParseWeightGrams(string? text, MeasurementUnits units = MeasurementUnits.Metric)
    {
        var t = Normalise(text);
        if (t is null)
        {
            return null;
        }

        if (units == MeasurementUnits.US && BareNumber().IsMatch(t))
        {
            return Number(t) is { } pounds && pounds <= MaxBarePounds ? Round(pounds * GramsPerPound) : null;
        }

        if (PoundsOunces().Match(t) is { Success: true } lbOz)
        {
            var pounds = Number(lbOz.Groups["lb"].Value);
            var ounces = lbOz.Groups["oz"].Success ? Number(lbOz.Groups["oz"].Value) : 0m;
            // "7 lb 20 oz" is a slip, not a weight.
            return pounds is null || ounces is null || (lbOz.Groups["oz"].Success && ounces >= 16m)
                ? null
                : Round(pounds.Value * GramsPerPound + ounces.Value * GramsPerOunce);
        }

        if (OuncesOnly().Match(t) is { Success: true } oz)
        {
            return Number(oz.Groups["n"].Value) is { } n ? Round(n * GramsPerOunce) : null;
        }

        if (Kilograms().Match(t) is { Success: true } kg)
        {
            return Number(kg.Groups["n"].Value) is { } n ? Round(n * 1000m) : null;
        }

        if (Grams().Match(t) is { Success: true } g)
        {
            return Number(g.Groups["n"].Value) is { } n && n == decimal.Truncate(n) ? Round(n) : null;
        }

        return null;
    }

    /// <summary>
    /// Reads a volume in mL, or null if the text is not one. "oz" on a volume means fluid ounces. A bare number is mL
    /// at a metric clinic and fluid ounces at a US one.
    /// </summary>
    public static int? ParseVolumeMillilitres(string? text, MeasurementUnits units = MeasurementUnits.Metric)
    {
        var t = Normalise(text);
        if (t is null)
        {
            return null;
        }

        if (units == MeasurementUnits.US && BareNumber().IsMatch(t))
        {
            return Number(t) is { } ounces ? Round(ounces * MillilitresPerFluidOunce) : null;
        }

        if (FluidOunces().Match(t) is { Success: true } floz)
        {
            return Number(floz.Groups["n"].Value) is { } n ? Round(n * MillilitresPerFluidOunce) : null;
        }

        if (Millilitres().Match(t) is { Success: true } ml)
        {
            return Number(ml.Groups["n"].Value) is { } n && n == decimal.Truncate(n) ? Round(n) : null;
        }

        return null;
    }

    /// <summary>A stored weight for reading: "3290 g", or "7 lb 4 oz (3290 g)" for a US clinic.</summary>
    public static string FormatWeight(int grams, MeasurementUnits units)
    {
        var metric = $"{grams.ToString(CultureInfo.InvariantCulture)} g";
        if (units == MeasurementUnits.Metric)
        {
            return metric;
        }

        var totalOunces = (int)Math.Round(grams / GramsPerOunce, MidpointRounding.AwayFromZero);
        return $"{totalOunces / 16} lb {totalOunces % 16} oz ({metric})";
    }

    /// <summary>A stored volume for reading: "60 mL", or "2 fl oz (60 mL)" for a US clinic.</summary>
    public static string FormatVolume(int millilitres, MeasurementUnits units)
    {
        var metric = $"{millilitres.ToString(CultureInfo.InvariantCulture)} mL";
        if (units == MeasurementUnits.Metric)
        {
            return metric;
        }

        var ounces = Math.Round(millilitres / MillilitresPerFluidOunce, 1, MidpointRounding.AwayFromZero);
        return $"{ounces.ToString("0.#", CultureInfo.InvariantCulture)} fl oz ({metric})";
    }

    /// <summary>
    /// A stored weight as text to put back in the form field. In US units the ounces keep two decimals, so saving
    /// the form again without a change reads back exactly the same grams.
    /// </summary>
    public static string WeightInput(int grams, MeasurementUnits units)
    {
        if (units == MeasurementUnits.Metric)
        {
            return grams.ToString(CultureInfo.InvariantCulture);
        }

        var ounces = Math.Round(grams / GramsPerOunce, 2, MidpointRounding.AwayFromZero);
        var pounds = (int)(ounces / 16m);
        var rest = ounces - pounds * 16m;
        return $"{pounds} lb {rest.ToString("0.##", CultureInfo.InvariantCulture)} oz";
    }

    /// <summary>A stored volume as text for the form field; in US units it reads back to the same mL.</summary>
    public static string VolumeInput(int millilitres, MeasurementUnits units) =>
        units == MeasurementUnits.Metric
            ? millilitres.ToString(CultureInfo.InvariantCulture)
            : $"{Math.Round(millilitres / MillilitresPerFluidOunce, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture)} fl oz";

    /// <summary>Whether the text is a number with no unit ("3300", "7.5"): how it is read depends on the clinic's units.</summary>
    public static bool IsBareNumber(string? text) => Normalise(text) is { } t && BareNumber().IsMatch(t);

    private static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxInputLength)
        {
            return null;
        }

        // One space between parts and lower case: "7LB  4 OZ." and "7 lb 4 oz" read the same.
        return Spaces().Replace(text.Trim().ToLowerInvariant(), " ").TrimEnd('.');
    }

    private static decimal? Number(string digits) =>
        decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) && n <= MaxNumber ? n : null;

    private static int Round(decimal value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);

    // Numbers: digits with at most one decimal point, no sign (a negative weight is not a weight).
    private const string Num = @"\d{1,7}(?:\.\d{1,3})?|\.\d{1,3}";

    [GeneratedRegex(@"^(?<lb>" + Num + @") ?(?:lbs?|pounds?|libras?)\.?(?:,? ?(?:y )?(?<oz>" + Num + @") ?(?:oz|ozs|ounces?|onzas?)\.?)?$")]
    private static partial Regex PoundsOunces();

    [GeneratedRegex(@"^(?<n>" + Num + @") ?(?:oz|ozs|ounces?|onzas?)$")]
    private static partial Regex OuncesOnly();

    [GeneratedRegex(@"^(?<n>" + Num + @") ?(?:kg|kgs|kilos?|kilograms?|kilogramos?)$")]
    private static partial Regex Kilograms();

    [GeneratedRegex(@"^(?<n>" + Num + @")(?: ?(?:g|gm|gms|grams?|gr|gramos?))?$")]
    private static partial Regex Grams();

    [GeneratedRegex(@"^(?<n>" + Num + @") ?(?:fl\.? ?oz|fluid ounces?|fl ounces?|oz|ozs|ounces?|onzas?(?: l[ií]quidas?)?|oz\.? l[ií]q)$")]
    private static partial Regex FluidOunces();

    [GeneratedRegex(@"^(?<n>" + Num + @")(?: ?(?:ml|mls|millilitres?|milliliters?|cc|mililitros?))?$")]
    private static partial Regex Millilitres();

    [GeneratedRegex(@"^(?:" + Num + @")$")]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

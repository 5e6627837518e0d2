using System.Globalization;

namespace ClinicBooking.Web.Domain.Practice;

/// <summary>One recorded visit as the chart sees it.</summary>
/// <param name="Session">Its session number when the chart follows a treatment course (issue 16).</param>
public sealed record VisitPoint(DateOnly VisitDate, OutcomeFigures Figures, int? Session = null);

public sealed record ChartPoint(DateOnly Date, int Value, int? Session = null);

/// <summary>One measure across the patient's visits, oldest first; visits that did not record it are left out.</summary>
public sealed record ChartSeries(string Name, string Unit, IReadOnlyList<ChartPoint> Points, int? Floor = null, int? Ceiling = null)
{
    public ChartPoint? Latest => Points.Count == 0 ? null : Points[^1];

    /// <summary>Change from the first to the latest point, for the "is it working?" glance.</summary>
    public int? Change => Points.Count < 2 ? null : Points[^1].Value - Points[0].Value;
}

/// <summary>Where a series' points land in a small SVG of the given size (pure geometry, unit-tested).</summary>
public sealed record ChartLayout(int Width, int Height, IReadOnlyList<(double X, double Y, ChartPoint Point)> Points, int Low, int High)
{
    public string Polyline => string.Join(' ', Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}")));
}

/// <summary>
/// The outcome figures of a course of treatment as series to chart, so a practitioner judges it on data
/// rather than memory. Pure: the view draws what this returns.
/// </summary>
public static class OutcomeChart
{
    public const int Padding = 24;

    public static IReadOnlyList<ChartSeries> Build(IEnumerable<VisitPoint> visits)
    {
        // A course's chart runs in session order, one step per session; otherwise by date.
        var ordered = visits.OrderBy(v => v.Session ?? 0).ThenBy(v => v.VisitDate).ToList();
        var bySession = ordered.Count > 0 && ordered.All(v => v.Session is not null);

        ChartSeries Series(string name, string unit, Func<OutcomeFigures, int?> value, int? floor = 0, int? ceiling = null,
            Func<VisitPoint, DateOnly>? date = null) =>
            new(name, unit,
                ordered.Where(v => value(v.Figures) is not null)
                    .Select(v => new ChartPoint(date?.Invoke(v) ?? v.VisitDate, value(v.Figures)!.Value, v.Session))
                    .OrderBy(p => bySession ? p.Session!.Value : p.Date.DayNumber)
                    .ToList(),
                floor, ceiling);

        return
        [
            Series("Supplement", "mL/24 h", f => f.SupplementMl24h),
            Series("Expressed milk", "mL/24 h", f => f.ExpressedMl24h),
            Series("Feeds", "per 24 h", f => f.Feeds24h),
            Series("Wet diapers", "per 24 h", f => f.WetDiapers24h),
            // A weight belongs to the day it was measured, which may be before the visit.
            Series("Baby's weight", "g", f => f.BabyWeightGrams, floor: null, date: v => v.Figures.BabyWeightDate ?? v.VisitDate),
            Series("Parent's confidence", "0–10", f => f.Confidence, 0, 10),
        ];
    }

    public static ChartLayout Layout(ChartSeries series, int width = 280, int height = 120)
    {
        if (series.Points.Count == 0)
        {
            return new ChartLayout(width, height, [], 0, 0);
        }

        var low = Math.Min(series.Floor ?? int.MaxValue, series.Points.Min(p => p.Value));
        var high = Math.Max(series.Ceiling ?? int.MinValue, series.Points.Max(p => p.Value));
        if (high == low)
        {
            high = low + 1;
        }

        var first = series.Points[0].Date.DayNumber;
        var span = series.Points[^1].Date.DayNumber - first;
        var plotWidth = width - (2 * Padding);
        var plotHeight = height - (2 * Padding);
        var points = series.Points.Select((p, i) =>
        {
            // One point sits in the middle; points on the same day spread evenly instead of stacking.
            var x = span == 0 || p.Session is not null
                ? Padding + (series.Points.Count == 1 ? plotWidth / 2.0 : plotWidth * i / (double)(series.Points.Count - 1))
                : Padding + (plotWidth * (p.Date.DayNumber - first) / (double)span);
            var y = height - Padding - (plotHeight * (p.Value - low) / (double)(high - low));
            return (Math.Round(x, 1), Math.Round(y, 1), p);
        }).ToList();
        return new ChartLayout(width, height, points, low, high);
    }
}

using System.Globalization;
using ClinicBooking.Web.Domain.Booking;

namespace ClinicBooking.Web.Features.Booking;

public sealed record GridSlot(string Time, string Href, string Label);

public sealed record GridDay(DateOnly Date, string Heading, IReadOnlyList<GridSlot> Slots)
{
    /// <summary>
    /// The day's time links as encoded HTML, made once with the grid (which is cached): a busy week is a couple of
    /// hundred links, and encoding their addresses and labels on every view was most of the page's cost.
    /// </summary>
    public Microsoft.AspNetCore.Html.HtmlString LinksHtml { get; } = new(string.Concat(Slots.Select(slot =>
        $"<li><a class=\"slot\" href=\"{Encode(slot.Href)}\" aria-label=\"{Encode(slot.Label)}\">{Encode(slot.Time)}</a></li>")));

    private static string Encode(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);
}

/// <summary>A week of free times in the clinic's zone, server-rendered: every time is a plain link.</summary>
public sealed record WeekGrid(IReadOnlyList<GridDay> Days, string? PreviousHref, string? NextHref, string ZoneName, string WeekLabel)
{
    public bool IsEmpty => Days.All(d => d.Slots.Count == 0);

    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    public static DateOnly? ParseWeek(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? MondayOf(d) : null;

    /// <summary>
    /// Builds the grid. With several practitioners, each time appears once and goes to the practitioner listed
    /// first for it (slots are ordered by practitioner id), so "any practitioner" stays a single, simple choice.
    /// </summary>
    public static WeekGrid Build(IReadOnlyList<Slot> slots, DateOnly monday, DateOnly today, int horizonDays, TimeZoneInfo zone,
        Func<Slot, string> href, Func<DateOnly, string> weekHref, Func<Slot, string> label)
    {
        // One pass over the slots (they come in order of start): each goes to its local day, once per start.
        var byDay = new List<GridSlot>[7];
        for (var i = 0; i < 7; i++)
        {
            byDay[i] = [];
        }

        DateTime? previousStart = null;
        foreach (var s in slots)
        {
            var day = DateOnly.FromDateTime(TimeFormat.Local(s.StartUtc, zone)).DayNumber - monday.DayNumber;
            if (day is < 0 or > 6 || s.StartUtc == previousStart)
            {
                continue;
            }

            previousStart = s.StartUtc;
            byDay[day].Add(new GridSlot(TimeFormat.Time(s.StartUtc, zone), href(s), label(s)));
        }

        var days = Enumerable.Range(0, 7).Select(i => new GridDay(monday.AddDays(i), TimeFormat.Day(monday.AddDays(i)), byDay[i])).ToList();
        var previous = monday > MondayOf(today) ? weekHref(monday.AddDays(-7)) : null;
        var next = monday.AddDays(7) <= today.AddDays(horizonDays) ? weekHref(monday.AddDays(7)) : null;
        return new WeekGrid(days, previous, next, TimeFormat.ZoneName(zone), $"{TimeFormat.Day(monday)} to {TimeFormat.Day(monday.AddDays(6))}");
    }
}

using System.Globalization;
using System.Text;
using ClinicBooking.Web.Domain.Booking;

namespace ClinicBooking.Web.Features.Booking;

/// <param name="InsideChangeWindow">Starts so soon that, once booked, the visit can no longer be moved or cancelled online.</param>
public sealed record GridSlot(string Time, string Href, string Label, int LocalHour, bool InsideChangeWindow = false);

/// <summary>A part of a day on the grid: its first few times shown, the rest behind "more".</summary>
/// <param name="Name">"Morning", "Afternoon" or "Evening": the period's English name, also in its element's id.</param>
public sealed record GridPeriod(string Name, IReadOnlyList<GridSlot> Shown, IReadOnlyList<GridSlot> More);

public sealed record GridDay(DateOnly Date, string Heading, IReadOnlyList<GridSlot> Slots)
{
    /// <summary>How many times of a morning, afternoon or evening show before "more" (a phone screen's worth).</summary>
    public const int ShownPerPeriod = 4;

    public IReadOnlyList<GridPeriod> Periods { get; } = Group(Slots);

    /// <summary>
    /// The day's times as encoded HTML, grouped into morning, afternoon and evening, made once with the grid (which is
    /// cached): a busy week is a couple of hundred links, and encoding them on every view was most of the page's cost.
    /// "More" is a plain <c>details</c> element, so it works without script.
    /// </summary>
    public Microsoft.AspNetCore.Html.HtmlString LinksHtml { get; } = new(Render(Date, Group(Slots)));

    private static IReadOnlyList<GridPeriod> Group(IReadOnlyList<GridSlot> slots) =>
        new (string Name, int From, int To)[] { ("Morning", 0, 12), ("Afternoon", 12, 17), ("Evening", 17, 24) }
            .Select(p => (p.Name, Times: slots.Where(s => s.LocalHour >= p.From && s.LocalHour < p.To).ToList()))
            .Where(p => p.Times.Count > 0)
            .Select(p => new GridPeriod(p.Name, p.Times.Take(ShownPerPeriod).ToList(), p.Times.Skip(ShownPerPeriod).ToList()))
            .ToList();

    private static string Render(DateOnly date, IReadOnlyList<GridPeriod> periods)
    {
        var html = new StringBuilder();
        foreach (var period in periods)
        {
            var id = $"p-{date:yyyyMMdd}-{period.Name.ToLowerInvariant()}";
            html.Append("<div class=\"grid-period\"><h3 class=\"period-name\" id=\"").Append(id).Append("\">").Append(Encode(T(period.Name))).Append("</h3>");
            html.Append("<ul class=\"slot-list\" aria-labelledby=\"").Append(id).Append("\">");
            Links(html, period.Shown);
            html.Append("</ul>");
            if (period.More.Count > 0)
            {
                // "3 more morning times", "1 more evening time": one sentence per period and number, so each reads right.
                var more = period.More.Count == 1
                    ? T($"1 more {period.Name.ToLowerInvariant()} time")
                    : T($"{{0}} more {period.Name.ToLowerInvariant()} times", period.More.Count);
                html.Append("<details class=\"more-times\"><summary>").Append(Encode(more)).Append("</summary><ul class=\"slot-list\">");
                Links(html, period.More);
                html.Append("</ul></details>");
            }

            html.Append("</div>");
        }

        return html.ToString();
    }

    private static void Links(StringBuilder html, IEnumerable<GridSlot> slots)
    {
        foreach (var slot in slots)
        {
            // The name starts with what the button shows (axe: the visible text is part of the name), then says why.
            var label = slot.InsideChangeWindow ? T("{0} no online changes: {1} (cannot be changed online once booked)", slot.Time, slot.Label) : slot.Label;
            html.Append("<li><a class=\"slot").Append(slot.InsideChangeWindow ? " slot-window" : "").Append("\" href=\"")
                .Append(Encode(slot.Href)).Append("\" aria-label=\"").Append(Encode(label)).Append("\">").Append(Encode(slot.Time));
            if (slot.InsideChangeWindow)
            {
                html.Append("<span class=\"slot-note\"> ").Append(Encode(T("no online changes"))).Append("</span>");
            }

            html.Append("</a></li>");
        }
    }

    private static string Encode(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);

    /// <summary>The grid's words in the reader's language; the grid is cached per language.</summary>
    private static string T(string english, params object[] arguments) => Infrastructure.Text.Get<BookingText>(english, arguments);
}

/// <summary>
/// A week of free times in the clinic's zone, server-rendered: every time is a plain link. Days with times are shown
/// in full; the week's other days from today on are listed in one line; days already past are left out.
/// </summary>
public sealed record WeekGrid(IReadOnlyList<GridDay> Days, string? PreviousHref, string? NextHref, string ZoneName, string WeekLabel,
    DateOnly Today, string? ChangeWindow)
{
    public bool IsEmpty => Days.All(d => d.Slots.Count == 0);

    /// <summary>The days with free times, in order.</summary>
    public IReadOnlyList<GridDay> OpenDays => Days.Where(d => d.Slots.Count > 0).ToList();

    /// <summary>"Sat, Dec 5 and Sun, Dec 6": the days from today on with no free time.</summary>
    public string? FullDays
    {
        get
        {
            var full = Days.Where(d => d.Slots.Count == 0 && d.Date >= Today).Select(d => d.Heading).ToList();
            return full.Count switch
            {
                0 => null,
                1 => full[0],
                _ => Infrastructure.Text.Get<BookingText>("{0} and {1}", string.Join("; ", full.Take(full.Count - 1)), full[^1]),
            };
        }
    }

    public bool AnyInsideChangeWindow => Days.Any(d => d.Slots.Any(s => s.InsideChangeWindow));

    /// <summary>When this week has no free time: the first one after it, and the link to its week.</summary>
    public (string When, string Href)? NextFree { get; init; }

    /// <summary>The first day of the week holding <paramref name="date"/> in the clinic's culture (Sunday for en-US).</summary>
    public static DateOnly WeekStartOf(DateOnly date) => TimeFormat.Culture.WeekStartOf(date);

    public static DateOnly? ParseWeek(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? WeekStartOf(d) : null;

    /// <summary>
    /// Builds the grid. With several practitioners, each time appears once and goes to the practitioner listed
    /// first for it (slots are ordered by practitioner id), so "any practitioner" stays a single, simple choice.
    /// </summary>
    /// <param name="changeWindowEndsUtc">Starts before this are marked "cannot be changed online once booked".</param>
    /// <param name="changeWindow">The window as words ("24 hours"), for the note under the grid.</param>
    public static WeekGrid Build(IReadOnlyList<Slot> slots, DateOnly weekStart, DateOnly today, int horizonDays, TimeZoneInfo zone,
        Func<Slot, string> href, Func<DateOnly, string> weekHref, Func<Slot, string> label, DateTime? changeWindowEndsUtc = null,
        string? changeWindow = null)
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
            var local = TimeFormat.Local(s.StartUtc, zone);
            var day = DateOnly.FromDateTime(local).DayNumber - weekStart.DayNumber;
            if (day is < 0 or > 6 || s.StartUtc == previousStart)
            {
                continue;
            }

            previousStart = s.StartUtc;
            byDay[day].Add(new GridSlot(TimeFormat.LocalTime(local), href(s), label(s), local.Hour, s.StartUtc < changeWindowEndsUtc));
        }

        var days = Enumerable.Range(0, 7).Select(i => new GridDay(weekStart.AddDays(i), TimeFormat.Day(weekStart.AddDays(i)), byDay[i])).ToList();
        var previous = weekStart > WeekStartOf(today) ? weekHref(weekStart.AddDays(-7)) : null;
        var next = weekStart.AddDays(7) <= today.AddDays(horizonDays) ? weekHref(weekStart.AddDays(7)) : null;
        return new WeekGrid(days, previous, next, TimeFormat.ZoneName(zone),
            Infrastructure.Text.Get<BookingText>("{0} to {1}", TimeFormat.Day(weekStart), TimeFormat.Day(weekStart.AddDays(6))),
            today, changeWindow);
    }
}

using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Features.Booking;
using Microsoft.AspNetCore.Mvc.Localization;

namespace ClinicBooking.Web.Features.Waitlist;

/// <summary>A waiter's days and times of day as words, in the reader's language (the view's localizer).</summary>
public static class WaitlistWords
{
    public static string Days(IReadOnlyList<DayOfWeek> days, IViewLocalizer l) =>
        days.Count == 0 ? l["any day"].Value : string.Join(", ", days.Select(d => TimeFormat.Culture.Info.DateTimeFormat.GetDayName(d)));

    public static string Times(WaitlistTimes times, IViewLocalizer l)
    {
        if (times == WaitlistTimes.Any)
        {
            return l["any time of day"].Value;
        }

        var parts = new List<string>();
        if (times.HasFlag(WaitlistTimes.Morning))
        {
            parts.Add(l["mornings"].Value);
        }

        if (times.HasFlag(WaitlistTimes.Afternoon))
        {
            parts.Add(l["afternoons"].Value);
        }

        if (times.HasFlag(WaitlistTimes.Evening))
        {
            parts.Add(l["evenings"].Value);
        }

        return string.Join(", ", parts);
    }
}

using ClinicBooking.Web.Domain.Notifications;

namespace ClinicBooking.UnitTests;

public sealed class OutboxRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Reminders_are_queued_only_for_moments_still_ahead()
    {
        var start = Now.AddHours(10);
        var reminders = OutboxRules.Reminders(start, Now, [TimeSpan.FromDays(1), TimeSpan.FromHours(2), TimeSpan.FromHours(2)]).ToList();
        var only = Assert.Single(reminders);
        Assert.Equal((TimeSpan.FromHours(2), start.AddHours(-2)), only);

        Assert.Equal(2, OutboxRules.Reminders(Now.AddDays(3), Now, [TimeSpan.FromDays(1), TimeSpan.FromHours(2)]).Count());
        Assert.Empty(OutboxRules.Reminders(Now.AddMinutes(30), Now, [TimeSpan.FromHours(1)]));
    }

    [Fact]
    public void Back_off_grows_and_stops_at_its_longest_step()
    {
        var delays = Enumerable.Range(1, 12).Select(OutboxRules.DelayAfter).ToList();
        Assert.Equal(TimeSpan.FromMinutes(1), delays[0]);
        Assert.True(delays.Zip(delays.Skip(1)).All(p => p.Second >= p.First));
        Assert.Equal(TimeSpan.FromHours(4), delays[^1]);
        Assert.Equal(OutboxRules.Backoff.Length + 1, OutboxRules.MaxAttempts);
    }

    [Fact]
    public void A_row_records_each_outcome()
    {
        var row = OutboxMessage.ForAppointment(OutboxKind.Reminder, "a@b.test", 1, Now.AddDays(1), Now.AddHours(22), Now, 120);
        row.RetryLater(Now.AddMinutes(1), "451 busy");
        Assert.Equal((OutboxStatus.Pending, 1, "451 busy"), (row.Status, row.Attempts, row.LastError));
        row.MarkSent(Now.AddMinutes(1), "<id@x>");
        Assert.Equal((OutboxStatus.Sent, 2, null), (row.Status, row.Attempts, row.LastError));
        Assert.Equal("<id@x>", row.MessageId);
    }
}

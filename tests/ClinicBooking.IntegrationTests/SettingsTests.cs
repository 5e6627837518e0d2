using ClinicBooking.IntegrationTests.Kit;
using ClinicBooking.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicBooking.IntegrationTests;

public sealed class SettingsTests
{
    [Fact]
    public async Task On_a_fresh_database_the_configuration_is_stored_and_used()
    {
        await using var app = new ClinicAppFactory
        {
            Settings =
            {
                ["Clinic:SlotStep"] = "00:30:00", ["Clinic:TimeZone"] = "Europe/Berlin", ["Clinic:Phone"] = "030 1234",
                // Configuration merges arrays item by item across sources, so an override names every item.
                ["Clinic:ReminderOffsets:0"] = "2.00:00:00", ["Clinic:ReminderOffsets:1"] = "06:00:00",
            },
        };
        var client = app.CreateBrowserlikeClient();
        var day = BookingKit.FutureWeekday(app);

        var slots = await client.FreeAsync(BookingKit.FollowUp, BookingKit.Ana, day);

        Assert.NotEmpty(slots);
        Assert.All(slots, s => Assert.True(s.Start[14..16] is "00" or "30", s.Start));
        Assert.All(slots, s => Assert.EndsWith("+01:00", s.Start));
        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ClinicDbContext>().ClinicSettings.SingleAsync();
        Assert.Equal((30, "Europe/Berlin", "030 1234", "2880,360"), (stored.SlotStepMinutes, stored.TimeZone, stored.Phone, stored.ReminderOffsetsMinutes));
        Assert.Contains("030 1234", await client.GetStringAsync("/"));
    }
}

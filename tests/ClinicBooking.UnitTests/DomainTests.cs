using ClinicBooking.Web.Data;
using ClinicBooking.Web.Domain;

namespace ClinicBooking.UnitTests;

public sealed class DomainTests
{
    [Fact]
    public void A_practitioner_cannot_have_overlapping_intervals_on_one_day()
    {
        var p = new Practitioner("user-1", "Ana");
        p.AddWorkingInterval(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 0));
        p.AddWorkingInterval(DayOfWeek.Monday, new TimeOnly(13, 0), new TimeOnly(17, 0));
        p.AddWorkingInterval(DayOfWeek.Tuesday, new TimeOnly(11, 0), new TimeOnly(14, 0));

        Assert.Throws<InvalidOperationException>(() =>
            p.AddWorkingInterval(DayOfWeek.Monday, new TimeOnly(11, 0), new TimeOnly(14, 0)));
        Assert.Equal(3, p.WorkingIntervals.Count);
    }

    [Fact]
    public void A_working_interval_must_end_after_it_starts()
    {
        Assert.Throws<ArgumentException>(() => new WorkingInterval(DayOfWeek.Friday, new TimeOnly(10, 0), new TimeOnly(10, 0)));
    }

    [Theory]
    [InlineData("", 60, 0)]
    [InlineData("X", 0, 0)]
    [InlineData("X", 60, -5)]
    public void A_service_needs_a_name_a_positive_duration_and_no_negative_buffer(string name, int duration, int buffer)
    {
        Assert.ThrowsAny<ArgumentException>(() => new Service(name, duration, buffer, false));
    }

    [Fact]
    public void A_relative_sqlite_path_is_made_absolute_against_the_content_root()
    {
        var root = Directory.CreateTempSubdirectory().FullName;
        var resolved = DataExtensions.ResolveSqliteConnectionString("Data Source=App_Data/clinic.db", root);
        Assert.Equal($"Data Source={Path.Combine(root, "App_Data", "clinic.db")}", resolved);
        Assert.True(Directory.Exists(Path.Combine(root, "App_Data")));
        Directory.Delete(root, true);
    }
}

using ClinicBooking.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClinicBooking.Web.Data.Configurations;

public class ClinicSettingsConfiguration : IEntityTypeConfiguration<ClinicSettings>
{
    public void Configure(EntityTypeBuilder<ClinicSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Address).HasMaxLength(300);
        builder.Property(s => s.Phone).HasMaxLength(40);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.ReminderOffsetsMinutes).HasMaxLength(200);
        builder.Property(s => s.AlertEmail).HasMaxLength(254);
        builder.Property(s => s.Culture).HasMaxLength(20).HasDefaultValue("en-US");
        builder.Property(s => s.Units).HasConversion<string>().HasMaxLength(10).HasDefaultValue(Domain.Intake.MeasurementUnits.Metric);
        builder.ToTable(t => t.HasCheckConstraint("CK_ClinicSettings_Single", "Id = 1"));
    }
}

using ClinicBooking.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClinicBooking.Web.Data.Configurations;

public class PractitionerConfiguration : IEntityTypeConfiguration<Practitioner>
{
    public void Configure(EntityTypeBuilder<Practitioner> builder)
    {
        builder.Property(p => p.DisplayName).HasMaxLength(100).IsRequired();
        builder.Property(p => p.Bio).HasMaxLength(2000);
        builder.HasIndex(p => p.UserId).IsUnique();
        builder.Property(p => p.CalendarFeedHash).HasMaxLength(64);
        builder.HasIndex(p => p.CalendarFeedHash).IsUnique();
        builder.HasOne<ApplicationUser>().WithOne().HasForeignKey<Practitioner>(p => p.UserId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.WorkingIntervals).WithOne().HasForeignKey(w => w.PractitionerId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.WorkingIntervals).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public class WorkingIntervalConfiguration : IEntityTypeConfiguration<WorkingInterval>
{
    public void Configure(EntityTypeBuilder<WorkingInterval> builder)
    {
        builder.HasIndex(w => new { w.PractitionerId, w.DayOfWeek });
        // TimeOnly is stored as "HH:mm:ss.fffffff" text, which SQLite orders correctly.
        builder.ToTable(t => t.HasCheckConstraint("CK_WorkingIntervals_Order", "\"End\" > \"Start\""));
    }
}

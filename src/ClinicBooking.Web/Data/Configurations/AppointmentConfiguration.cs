using ClinicBooking.Web.Domain.Booking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClinicBooking.Web.Data.Configurations;

public class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Practitioner).WithMany().HasForeignKey(a => a.PractitionerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Service).WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Course).WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Restrict);
        // A course's sessions are read together (the course email, the chart); a session number is taken once.
        builder.HasIndex(a => new { a.CourseId, a.CourseSession }).IsUnique().HasFilter("\"CourseId\" IS NOT NULL");
        // The database's own guard against double booking: one active appointment per practitioner and start.
        // Overlaps of other lengths are refused inside the booking's write transaction (BookingService).
        builder.HasIndex(a => new { a.PractitionerId, a.StartUtc }).IsUnique().HasFilter("\"Status\" = 'Booked'");
        // Busy time is read by a range of starts (bounded from below, so past visits are never read): per practitioner
        // through this index, for all practitioners through the next one.
        builder.HasIndex(a => new { a.PractitionerId, a.Status, a.StartUtc, a.BlockedUntilUtc });
        builder.HasIndex(a => new { a.StartUtc, a.BlockedUntilUtc, a.PractitionerId }, "IX_Appointments_Booked_StartUtc")
            .HasFilter("\"Status\" = 'Booked'");
        // A patient's visits ahead (the cap, counted inside the booking's write lock) and their repeat submit are read
        // by status and start, so a long history is never read.
        builder.HasIndex(a => new { a.PatientId, a.Status, a.StartUtc });
        builder.ToTable(t => t.HasCheckConstraint("CK_Appointments_Times", "\"EndUtc\" > \"StartUtc\" AND \"BlockedUntilUtc\" >= \"EndUtc\""));
    }
}

public class TreatmentCourseConfiguration : IEntityTypeConfiguration<TreatmentCourse>
{
    public void Configure(EntityTypeBuilder<TreatmentCourse> builder)
    {
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ClinicBooking.Web.Domain.Service>().WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ClinicBooking.Web.Domain.Practitioner>().WithMany().HasForeignKey(c => c.PractitionerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.PatientId);
        builder.ToTable(t => t.HasCheckConstraint("CK_TreatmentCourses_Sessions", "\"Sessions\" BETWEEN 2 AND 12"));
    }
}

public class TimeOffConfiguration : IEntityTypeConfiguration<TimeOff>
{
    public void Configure(EntityTypeBuilder<TimeOff> builder)
    {
        builder.HasOne<ClinicBooking.Web.Domain.Practitioner>().WithMany().HasForeignKey(t => t.PractitionerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.PractitionerId, t.StartUtc });
        builder.HasIndex(t => new { t.StartUtc, t.EndUtc });
    }
}

public class AvailabilityStampConfiguration : IEntityTypeConfiguration<AvailabilityStamp>
{
    public void Configure(EntityTypeBuilder<AvailabilityStamp> builder)
    {
        builder.HasKey(s => s.PractitionerId);
        builder.Property(s => s.PractitionerId).ValueGeneratedNever();
    }
}

public class WaitlistEntryConfiguration : IEntityTypeConfiguration<WaitlistEntry>
{
    public void Configure(EntityTypeBuilder<WaitlistEntry> builder)
    {
        builder.ToTable("WaitlistEntries");
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        // An account's deletion takes its waitlist with it.
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.Service).WithMany().HasForeignKey(e => e.ServiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.Practitioner).WithMany().HasForeignKey(e => e.PractitionerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.AddedById).HasMaxLength(450);
        // The waiters for a service, in the order they joined; a patient's own list.
        builder.HasIndex(e => new { e.Status, e.ServiceId, e.CreatedUtc });
        builder.HasIndex(e => new { e.PatientId, e.Status });
    }
}

public class WaitlistOfferConfiguration : IEntityTypeConfiguration<WaitlistOffer>
{
    public void Configure(EntityTypeBuilder<WaitlistOffer> builder)
    {
        builder.ToTable("WaitlistOffers");
        builder.HasOne(o => o.Entry).WithMany().HasForeignKey(o => o.EntryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ClinicBooking.Web.Domain.Practitioner>().WithMany().HasForeignKey(o => o.PractitionerId).OnDelete(DeleteBehavior.Cascade);
        // A time is offered to a waiter once.
        builder.HasIndex(o => new { o.EntryId, o.PractitionerId, o.StartUtc }).IsUnique();
    }
}

public class WaitlistSignalConfiguration : IEntityTypeConfiguration<WaitlistSignal>
{
    public void Configure(EntityTypeBuilder<WaitlistSignal> builder) => builder.ToTable("WaitlistSignals");
}

using ClinicBooking.Web.Data.Protection;
using ClinicBooking.Web.Domain.Booking;
using ClinicBooking.Web.Domain.Practice;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClinicBooking.Web.Data.Configurations;

public class IntakeReviewConfiguration : IEntityTypeConfiguration<IntakeReview>
{
    public void Configure(EntityTypeBuilder<IntakeReview> builder)
    {
        // One stamp per version: a double-clicked "Mark reviewed" cannot make two.
        builder.HasIndex(r => new { r.PatientId, r.VersionNumber }).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.ReviewerUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class VisitOutcomeConfiguration : IEntityTypeConfiguration<VisitOutcome>
{
    public void Configure(EntityTypeBuilder<VisitOutcome> builder)
    {
        builder.HasIndex(o => o.AppointmentId).IsUnique();
        builder.HasIndex(o => o.PatientId);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(o => o.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(o => o.PatientId).OnDelete(DeleteBehavior.Cascade);
        // Notes are health data: encrypted at rest like intake answers (decision 0006). No length limit on the
        // column, as ciphertext is longer than the 1,000 characters the form allows.
        builder.Property(o => o.Notes).IsProtected();
        builder.Ignore(o => o.Figures);
    }
}

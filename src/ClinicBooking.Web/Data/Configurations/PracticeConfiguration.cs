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
    /// <summary>The figure columns, encrypted; <see cref="DbInitialiser"/> encrypts values written before they were.</summary>
    public static readonly string[] OutcomeFigureColumns =
    [
        nameof(VisitOutcome.SupplementMl24h), nameof(VisitOutcome.ExpressedMl24h), nameof(VisitOutcome.Feeds24h),
        nameof(VisitOutcome.WetDiapers24h), nameof(VisitOutcome.BabyWeightGrams), nameof(VisitOutcome.BabyWeightDate),
        nameof(VisitOutcome.Confidence),
    ];

    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<int?, string?> NumberText = new(
        v => v == null ? null : v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        s => s == null ? null : int.Parse(s, System.Globalization.CultureInfo.InvariantCulture));

    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateOnly?, string?> DateText = new(
        v => v == null ? null : v.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        s => s == null ? null : DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    public void Configure(EntityTypeBuilder<VisitOutcome> builder)
    {
        builder.HasIndex(o => o.AppointmentId).IsUnique();
        builder.HasIndex(o => o.PatientId);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(o => o.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(o => o.PatientId).OnDelete(DeleteBehavior.Cascade);
        // Notes are health data: encrypted at rest like intake answers (decision 0006). No length limit on the
        // column, as ciphertext is longer than the 1,000 characters the form allows.
        builder.Property(o => o.Notes).IsProtected();
        // The figures are health data too (a baby's weight, how much formula): each is stored as encrypted text.
        builder.Property(o => o.SupplementMl24h).HasConversion(NumberText).IsProtected();
        builder.Property(o => o.ExpressedMl24h).HasConversion(NumberText).IsProtected();
        builder.Property(o => o.Feeds24h).HasConversion(NumberText).IsProtected();
        builder.Property(o => o.WetDiapers24h).HasConversion(NumberText).IsProtected();
        builder.Property(o => o.BabyWeightGrams).HasConversion(NumberText).IsProtected();
        builder.Property(o => o.BabyWeightDate).HasConversion(DateText).IsProtected();
        builder.Property(o => o.Confidence).HasConversion(NumberText).IsProtected();

        builder.Ignore(o => o.Figures);
    }
}

using ClinicBooking.Web.Data.Protection;
using ClinicBooking.Web.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClinicBooking.Web.Data.Configurations;

public class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Recipient).HasMaxLength(254).IsRequired();
        builder.Property(o => o.LastError).HasMaxLength(500);
        builder.Property(o => o.MessageId).HasMaxLength(200);
        builder.Property(o => o.ClaimToken).HasMaxLength(32);
        // A sender finds its own claimed rows by their token before each save.
        builder.HasIndex(o => o.ClaimToken);
        builder.Property(o => o.Subject).HasMaxLength(200);
        // Account emails hold one-time links (reset, confirm, set password): encrypted like health data, so a copy of
        // the database or a backup cannot be used to take over an account. The body is cleared once sent.
        builder.Property(o => o.HtmlBody).IsProtected();
        builder.HasIndex(o => new { o.Status, o.NextAttemptUtc });
        // The same email about the same appointment, time and offset can be queued only once.
        builder.HasIndex(o => new { o.AppointmentId, o.Kind, o.AppointmentStartUtc, o.OffsetMinutes })
            .IsUnique().HasFilter("\"AppointmentId\" IS NOT NULL");
        // One digest per practitioner per day.
        builder.HasIndex(o => new { o.PractitionerId, o.DigestDate }).IsUnique().HasFilter("\"PractitionerId\" IS NOT NULL");
    }
}

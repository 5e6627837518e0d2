using ClinicBooking.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClinicBooking.Web.Data.Configurations;

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.Action).HasMaxLength(50).IsRequired();
        builder.Property(a => a.RecordType).HasMaxLength(50).IsRequired();
        builder.Property(a => a.RecordId).HasMaxLength(64);
        builder.Property(a => a.IpAddress).HasMaxLength(64);
        // No foreign keys: the trail outlives the accounts and records it mentions.
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => a.ActorId);
        builder.HasIndex(a => a.SubjectId);
    }
}

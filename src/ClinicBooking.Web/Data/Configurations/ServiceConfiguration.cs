using ClinicBooking.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClinicBooking.Web.Data.Configurations;

public class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(100).IsRequired();
        builder.Property(s => s.Price).HasPrecision(9, 2);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.Ignore(s => s.Duration);
        builder.Ignore(s => s.Buffer);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Services_Duration", "DurationMinutes > 0");
            t.HasCheckConstraint("CK_Services_Buffer", "BufferMinutes >= 0");
            t.HasCheckConstraint("CK_Services_Course", "(\"CourseSessions\" IS NULL AND \"CourseDaysBetween\" IS NULL) OR " +
                                                       "(\"CourseSessions\" BETWEEN 2 AND 12 AND \"CourseDaysBetween\" BETWEEN 1 AND 14)");
        });
    }
}

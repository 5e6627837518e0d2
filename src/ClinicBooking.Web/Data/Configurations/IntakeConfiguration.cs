using System.Text.Json;
using ClinicBooking.Web.Data.Protection;
using ClinicBooking.Web.Domain.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ClinicBooking.Web.Data.Configurations;

/// <summary>Answers are one JSON document per row (decision 0005), encrypted (<see cref="HealthDataProtection"/>).</summary>
internal static class AnswersColumn
{
    public static readonly ValueConverter<IntakeAnswers, string> Converter = new(
        answers => JsonSerializer.Serialize(answers.Values, (JsonSerializerOptions?)null),
        json => new IntakeAnswers(JsonSerializer.Deserialize<Dictionary<string, string>>(json, (JsonSerializerOptions?)null)
                                  ?? new Dictionary<string, string>()));

    public static readonly ValueComparer<IntakeAnswers> Comparer = new(
        (a, b) => ReferenceEquals(a, b),
        a => a.GetHashCode(),
        a => a);
}

public class IntakeDraftConfiguration : IEntityTypeConfiguration<IntakeDraft>
{
    public void Configure(EntityTypeBuilder<IntakeDraft> builder)
    {
        builder.HasIndex(d => d.PatientId).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.Answers).HasConversion(AnswersColumn.Converter, AnswersColumn.Comparer).IsRequired().IsProtected();
    }
}

public class IntakeVersionConfiguration : IEntityTypeConfiguration<IntakeVersion>
{
    public void Configure(EntityTypeBuilder<IntakeVersion> builder)
    {
        // One number per patient: a double-clicked submit cannot make two versions with the same number.
        builder.HasIndex(v => new { v.PatientId, v.Number }).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(v => v.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(v => v.Answers).HasConversion(AnswersColumn.Converter, AnswersColumn.Comparer).IsRequired().IsProtected();
        builder.Property(v => v.HighestTier).HasConversion<string>().HasMaxLength(20);
    }
}

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
        builder.Property(v => v.Assessment).HasConversion(AssessmentColumn.Converter, AssessmentColumn.Comparer).IsProtected();
    }
}

/// <summary>The assessment a version was given, as one JSON document (encrypted like the answers).</summary>
internal static class AssessmentColumn
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static readonly ValueConverter<IntakeAssessment?, string?> Converter = new(
        assessment => assessment == null ? null : JsonSerializer.Serialize(assessment, Options),
        json => json == null ? null : JsonSerializer.Deserialize<IntakeAssessment>(json, Options));

    public static readonly ValueComparer<IntakeAssessment?> Comparer = new(
        (a, b) => ReferenceEquals(a, b),
        a => a == null ? 0 : a.GetHashCode(),
        a => a);

    public static readonly ValueConverter<IReadOnlyList<RedFlag>, string> FlagsConverter = new(
        flags => JsonSerializer.Serialize(flags, Options),
        json => JsonSerializer.Deserialize<List<RedFlag>>(json, Options) ?? new List<RedFlag>());

    /// <summary>The lists are replaced, never changed in place: a new list is a change.</summary>
    public static readonly ValueComparer<IReadOnlyList<RedFlag>> FlagsComparer = new(
        (a, b) => ReferenceEquals(a, b),
        a => a.GetHashCode(),
        a => a);
}

public class UrgentCaseConfiguration : IEntityTypeConfiguration<ClinicBooking.Web.Domain.Practice.UrgentCase>
{
    public void Configure(EntityTypeBuilder<ClinicBooking.Web.Domain.Practice.UrgentCase> builder)
    {
        // One open case per patient: two urgent answers saved at the same instant extend one case, alert once.
        builder.HasIndex(c => c.PatientId).IsUnique().HasFilter("\"ClearedUtc\" IS NULL");
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.ClearedByUserId).OnDelete(DeleteBehavior.Restrict);
        // The tier shown is health data, encrypted like the flags (no query filters or sorts on it: lists order the
        // page's open cases in memory). Values written in clear before are encrypted at start (DbInitialiser).
        builder.Property(c => c.Tier).HasConversion(new EnumToStringConverter<FlagTier>()).IsProtected();
        builder.Property(c => c.Flags).HasConversion(AssessmentColumn.FlagsConverter, AssessmentColumn.FlagsComparer).IsRequired().IsProtected();
        builder.Ignore(c => c.IsOpen);
    }
}

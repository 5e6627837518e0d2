using ClinicBooking.Web.Domain.Intake;

namespace ClinicBooking.Web.Features.Intake;

/// <summary>
/// One step of the questionnaire as shown: the values to put back in the fields and any errors. Weights and
/// volumes are asked in the clinic's <see cref="Units"/>.
/// </summary>
public sealed record SectionPage(
    IntakeSection Section,
    int Step,
    int Steps,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Values,
    IReadOnlyDictionary<string, string> Errors,
    DateOnly Today,
    MeasurementUnits Units = MeasurementUnits.Metric)
{
    public IReadOnlyList<string> ValuesOf(string key) => Values.TryGetValue(key, out var v) ? v : [];

    public string ValueOf(string key) => ValuesOf(key).FirstOrDefault() ?? "";

    public string? ErrorOf(string key) => Errors.GetValueOrDefault(key);

    /// <summary>Saved answers as field values; weights and volumes as typed in <paramref name="units"/> (read back unchanged).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> FromAnswers(IntakeAnswers answers, IntakeSection section,
        MeasurementUnits units = MeasurementUnits.Metric) =>
        section.Fields.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)(answers[f.Key] is { } v
            ? f.Kind switch
            {
                FieldKind.Multi => v.Split(','),
                FieldKind.Weight when answers.Int(f.Key) is { } grams => [Measurements.WeightInput(grams, units)],
                FieldKind.Volume when answers.Int(f.Key) is { } ml => [Measurements.VolumeInput(ml, units)],
                _ => [v],
            }
            : []));
}

/// <summary>Required questions a step saved just before still needs (shown on the next page, with links back).</summary>
public sealed record StepNotice(IntakeSection Section, int Step, int Steps, IReadOnlyList<IntakeField> Fields);

public sealed record OverviewPage(
    IReadOnlyList<(IntakeSection Section, int Answered)> Sections,
    bool HasDraft,
    IntakeVersion? Latest,
    string? GateMessage = null);

public sealed record ReviewPage(IntakeAnswers Answers, IReadOnlyList<FieldError> Missing, bool HasDraft, string? ConsentError,
    MeasurementUnits Units = MeasurementUnits.Metric);

public sealed record SubmittedPage(IntakeVersion Version, IntakeAssessment Assessment, string EmergencyNumber, string CrisisPhone,
    DateTime SubmittedLocal, string? ResumeBookingHref);

public sealed record UrgentPage(IReadOnlyList<RedFlag> Flags, string ContinueUrl, string EmergencyNumber, string CrisisPhone);

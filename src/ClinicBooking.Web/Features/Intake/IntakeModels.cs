using ClinicBooking.Web.Domain.Intake;

namespace ClinicBooking.Web.Features.Intake;

/// <summary>One step of the questionnaire as shown: the values to put back in the fields and any errors.</summary>
public sealed record SectionPage(
    IntakeSection Section,
    int Step,
    int Steps,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Values,
    IReadOnlyDictionary<string, string> Errors,
    DateOnly Today)
{
    public IReadOnlyList<string> ValuesOf(string key) => Values.TryGetValue(key, out var v) ? v : [];

    public string ValueOf(string key) => ValuesOf(key).FirstOrDefault() ?? "";

    public string? ErrorOf(string key) => Errors.GetValueOrDefault(key);

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> FromAnswers(IntakeAnswers answers, IntakeSection section) =>
        section.Fields.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)(answers[f.Key] is { } v
            ? f.Kind == FieldKind.Multi ? v.Split(',') : [v]
            : []));
}

public sealed record OverviewPage(
    IReadOnlyList<(IntakeSection Section, int Answered)> Sections,
    bool HasDraft,
    IntakeVersion? Latest,
    string? GateMessage = null);

public sealed record ReviewPage(IntakeAnswers Answers, IReadOnlyList<FieldError> Missing, bool HasDraft, string? ConsentError);

public sealed record SubmittedPage(IntakeVersion Version, IntakeAssessment Assessment, string EmergencyNumber, string CrisisPhone,
    DateTime SubmittedLocal, string? ResumeBookingHref);

public sealed record UrgentPage(IReadOnlyList<RedFlag> Flags, string ContinueUrl, string EmergencyNumber, string CrisisPhone);

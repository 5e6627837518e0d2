namespace ClinicBooking.Web.Domain.Intake;

public sealed record AnswerChange(string Key, string Section, string Label, string Before, string After);

/// <summary>Which answers changed between two versions of a patient's intake, in questionnaire order.</summary>
public static class IntakeDiff
{
    /// <param name="units">How weights and volumes are written (the clinic's units); answers are compared as stored.</param>
    public static IReadOnlyList<AnswerChange> Between(IntakeAnswers before, IntakeAnswers after,
        MeasurementUnits units = MeasurementUnits.Metric) =>
        IntakeForm.Sections
            .SelectMany(section => section.Fields.Select(field => (section, field)))
            .Where(x => before[x.field.Key] != after[x.field.Key])
            .Select(x => new AnswerChange(x.field.Key, x.section.Title, x.field.Label,
                x.field.Display(before[x.field.Key], units), x.field.Display(after[x.field.Key], units)))
            .ToList();
}

namespace ClinicBooking.Web.Domain.Intake;

/// <summary>How far a patient has come with the questionnaire, as their home page says it ("3 of 11 steps done").</summary>
public static class IntakeProgress
{
    /// <summary>Steps with at least one answer and none of their required answers missing.</summary>
    public static int StepsDone(IntakeAnswers answers, DateOnly today)
    {
        var missing = IntakeValidator.Missing(answers, today).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        return IntakeForm.Sections.Count(s => s.Fields.Any(f => answers[f.Key] is not null) && !s.Fields.Any(f => missing.Contains(f.Key)));
    }
}

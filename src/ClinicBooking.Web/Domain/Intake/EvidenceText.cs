namespace ClinicBooking.Web.Domain.Intake;

/// <summary>
/// Reads a contributing factor's evidence line ("Question?: Answer", as stored with the assessment) as a short
/// statement for the practitioner: a phrase of its own for the questions that give evidence, otherwise
/// "Question — Answer" (never a guess at what the answer means). A line that names no question is shown as it is.
/// </summary>
public static class EvidenceText
{
    private static readonly Dictionary<string, Func<string, string>> Phrases = new()
    {
        ["fertility_treatment"] = _ => "Had fertility treatment (such as IVF) for this pregnancy.",
        ["gestational_diabetes"] = _ => "Had diabetes in pregnancy (gestational diabetes).",
        ["nipple_shield"] = _ => "Uses a nipple shield.",
        ["scheduled_feeds"] = _ => "Feeds to a schedule rather than when baby shows hunger.",
        ["pph"] = v => $"Heavy bleeding after the birth: {v}.",
        ["retained_placenta"] = v => $"Placenta removed by hand or pieces left behind: {v}.",
        ["tongue_tie"] = v => $"Tongue-tie check: {v}.",
        ["hears_swallowing"] = v => $"Hears or sees baby swallowing during feeds: {v}.",
        ["milk_came_in"] = v => $"Milk came in: {v}.",
        ["regular_meals"] = v => $"Eating regular meals: {v}.",
        ["fluid_intake"] = v => $"Drinking: {v}.",
        ["stress_level"] = v => $"Stress this week: {v} out of 10.",
        ["nipple_pain"] = v => $"Pain during feeds: {v} out of 10.",
        ["longest_gap_hours"] = v => $"Longest gap between feeds: {v}.",
        ["feeds_24h"] = v => $"Feeds in the last 24 hours: {v}.",
        ["conditions"] = v => $"Health conditions: {v}.",
        ["contraception"] = v => $"Hormonal contraception now: {v}.",
        ["supply_reducing_medicines"] = v => $"Takes medicines that can reduce supply: {v}.",
    };

    // Longest labels first, so a label that starts another one cannot claim its line.
    private static readonly IReadOnlyList<IntakeField> ByLabel =
        IntakeForm.Fields.Values.OrderByDescending(f => f.Label.Length).ToList();

    public static string Sentence(string evidence)
    {
        foreach (var field in ByLabel)
        {
            if (!evidence.StartsWith(field.Label + ": ", StringComparison.Ordinal))
            {
                continue;
            }

            var answer = evidence[(field.Label.Length + 2)..].Trim();
            if (Phrases.TryGetValue(field.Key, out var phrase))
            {
                return phrase(answer);
            }

            return field.Label.EndsWith('?') ? $"{field.Label} — {answer}" : $"{field.Label}: {answer}.";
        }

        return evidence;
    }
}

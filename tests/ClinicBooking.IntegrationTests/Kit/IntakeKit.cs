using System.Net;
using ClinicBooking.Web.Domain.Intake;

namespace ClinicBooking.IntegrationTests.Kit;

/// <summary>Fills the intake through its real forms, step by step.</summary>
public static class IntakeKit
{
    /// <summary>
    /// A complete set of answers for a well baby and parent: no red flags. The baby is 20 days old, so no time of
    /// birth is needed (it is asked only under 3 days old).
    /// </summary>
    public static Dictionary<string, string> CalmAnswers(DateOnly today) => new()
    {
        ["contact_phone"] = "555-0111", ["has_ibclc"] = "yes", ["care_team"] = "Dr Lee, Harbour Practice", ["consent_share"] = "yes",
        ["baby_dob"] = today.AddDays(-20).ToString("yyyy-MM-dd"), ["gestation_weeks"] = "39", ["birth_weight_g"] = "3400",
        ["lowest_weight_g"] = "3200", ["lowest_weight_date"] = today.AddDays(-17).ToString("yyyy-MM-dd"),
        ["latest_weight_g"] = "3700", ["latest_weight_date"] = today.AddDays(-1).ToString("yyyy-MM-dd"),
        ["jaundice"] = "no", ["tongue_tie"] = "normal", ["baby_fever"] = "no", ["baby_sleepy_feeds"] = "no", ["baby_emergency_signs"] = "no",
        ["baby_rash"] = "no", ["baby_green_vomit"] = "no",
        ["baby_dry_mouth"] = "no", ["baby_feeding_conditions"] = "none",
        ["feeds_24h"] = "9", ["longest_gap_hours"] = "3.5", ["hears_swallowing"] = "often", ["scheduled_feeds"] = "no", ["nipple_shield"] = "no",
        ["supplement_types"] = "formula", ["supplement_ml_24h"] = "120", ["expressed_ml_24h"] = "60",
        ["wet_diapers_24h"] = "7", ["dirty_diapers_24h"] = "4", ["hours_since_wet_diaper"] = "2", ["stool_colour"] = "yellow",
        ["urate_crystals"] = "no", ["dark_urine"] = "no",
        ["nipple_pain"] = "2", ["breast_change_pregnancy"] = "clearly", ["milk_came_in"] = "by_day3", ["breast_surgery"] = "none",
        ["breast_shape"] = "no", ["breast_red_hot"] = "no", ["parent_fever"] = "no", ["parent_unwell"] = "no",
        ["breast_severe"] = "no", ["breast_not_improving"] = "no",
        ["pph"] = "no", ["retained_placenta"] = "no", ["bleeding_now"] = "no", ["chest_pain_breathing"] = "no", ["parent_seizure"] = "no",
        ["parent_headache_vision"] = "no", ["parent_leg"] = "no", ["parent_wound"] = "no",
        ["gestational_diabetes"] = "no", ["fertility_treatment"] = "no",
        ["conditions"] = "none", ["previous_breastfeeding"] = "first", ["contraception"] = "none",
        ["supply_reducing_medicines"] = "none", ["galactagogues"] = "none", ["medications_text"] = "Vitamin D",
        ["stress_level"] = "4", ["fluid_intake"] = "to_thirst", ["regular_meals"] = "yes", ["phq_interest"] = "0", ["phq_down"] = "1",
        ["harm_thoughts"] = "no",
        ["feeding_goal"] = "less_formula", ["blood_thinners"] = "no", ["pacemaker"] = "no", ["fainting"] = "no", ["needle_fear"] = "no",
        ["possibly_pregnant"] = "no",
        ["bringing_baby"] = "yes", ["feeding_space"] = "yes", ["accessibility_needs"] = "",
    };

    public static async Task<HttpResponseMessage> SaveStepAsync(this HttpClient client, string section,
        IReadOnlyDictionary<string, string> answers, string next = "continue")
    {
        var fields = IntakeForm.Section(section)!.Fields.Where(f => answers.ContainsKey(f.Key))
            .SelectMany(f => f.Kind == FieldKind.Multi
                ? answers[f.Key].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => new KeyValuePair<string, string>(f.Key, v))
                : [new KeyValuePair<string, string>(f.Key, answers[f.Key])])
            .ToList();
        fields.Add(new("next", next));
        var document = await client.GetDocumentAsync($"/intake/{section}");
        fields.Add(new("__RequestVerificationToken", document.AntiforgeryToken()));
        return await client.PostAsync($"/intake/{section}", new FormUrlEncodedContent(fields));
    }

    public static async Task FillAllAsync(this HttpClient client, IReadOnlyDictionary<string, string> answers)
    {
        foreach (var section in IntakeForm.Sections)
        {
            var response = await client.SaveStepAsync(section.Key, answers);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect,
                $"Saving {section.Key} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static Task<HttpResponseMessage> SubmitIntakeAsync(this HttpClient client, bool consent = true) =>
        client.SubmitFormAsync("/intake/review", consent ? new Dictionary<string, string> { ["consent"] = "true" } : new Dictionary<string, string>(),
            "form[action='/intake/submit']");
}

using ClinicBooking.Web.Domain.Intake;
using ClinicBooking.Web.Features.Intake;

namespace ClinicBooking.UnitTests.Intake;

/// <summary>Issue 12's questions: the time of birth while it matters, weights and volumes in the clinic's units.</summary>
public sealed class NewQuestionsValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static SectionResult Validate(string section, Dictionary<string, string[]> posted,
        MeasurementUnits units = MeasurementUnits.Metric, IntakeAnswers? saved = null) =>
        IntakeValidator.Validate(IntakeForm.Section(section)!, key => posted.TryGetValue(key, out var v) ? v : [], Today,
            saved ?? IntakeAnswers.Empty, units);

    [Theory]
    [InlineData(0, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void The_time_of_birth_is_required_only_while_the_baby_is_under_3_days_old(int ageDays, bool required)
    {
        var dob = Today.AddDays(-ageDays).ToString("yyyy-MM-dd");
        var result = Validate("baby", new() { ["baby_dob"] = [dob], ["birth_weight_g"] = ["3400"] });
        Assert.Equal(required, result.Errors.Any(e => e.Key == "baby_birth_time"));

        var answers = new IntakeAnswers(new Dictionary<string, string> { ["baby_dob"] = dob });
        Assert.Equal(required, IntakeValidator.Missing(answers, Today).Any(m => m.Key == "baby_birth_time"));
        Assert.DoesNotContain(IntakeValidator.Missing(answers), m => m.Key == "baby_birth_time");
        Assert.False(IntakeForm.Fields["baby_birth_time"].Required);
        Assert.Contains("only needed if your baby is under 3 days old", IntakeForm.Fields["baby_birth_time"].Hint, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("14:30", "14:30")]
    [InlineData("9:05", "09:05")]
    [InlineData("23:59:00", "23:59")]
    public void A_time_of_birth_is_stored_as_hours_and_minutes(string posted, string stored)
    {
        var result = Validate("baby", new() { ["baby_dob"] = [Today.ToString("yyyy-MM-dd")], ["baby_birth_time"] = [posted] });
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(stored, result.Values["baby_birth_time"]);
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("2:30pm")]
    [InlineData("noon")]
    public void An_unreadable_time_of_birth_is_refused(string posted)
    {
        var error = Assert.Single(Validate("baby", new() { ["baby_birth_time"] = [posted] }).Errors);
        Assert.Equal(("baby_birth_time", "Enter a time on the 24-hour clock, like 14:30."), (error.Key, error.Message));
    }

    [Theory]
    [InlineData(MeasurementUnits.US, "7 lb 4 oz", "3289")]
    [InlineData(MeasurementUnits.US, "3290 g", "3290")]
    [InlineData(MeasurementUnits.Metric, "3290", "3290")]
    [InlineData(MeasurementUnits.Metric, "7lb 4oz", "3289")]
    [InlineData(MeasurementUnits.US, "7.25", "3289")]
    [InlineData(MeasurementUnits.US, "8", "3629")]
    public void Weights_are_stored_in_grams_whatever_they_were_typed_in(MeasurementUnits units, string posted, string stored)
    {
        var result = Validate("baby", new() { ["baby_dob"] = ["2026-11-01"], ["birth_weight_g"] = [posted] }, units);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(stored, result.Values["birth_weight_g"]);
    }

    [Theory]
    [InlineData(MeasurementUnits.US, "seven pounds", "Enter the weight in pounds and ounces, like 7 lb 4 oz")]
    [InlineData(MeasurementUnits.Metric, "seven pounds", "Enter the weight in grams, like 3400")]
    [InlineData(MeasurementUnits.US, "20 lb", "Enter a weight from 0 lb 14 oz (400 g) to 15 lb 7 oz (7000 g).")]
    [InlineData(MeasurementUnits.Metric, "-5", "Enter the weight in grams, like 3400")]
    [InlineData(MeasurementUnits.US, "3300", "Add a unit, like 7 lb 4 oz or 3300 g.")]
    [InlineData(MeasurementUnits.US, "40.1", "Add a unit, like 7 lb 4 oz or 3300 g.")]
    [InlineData(MeasurementUnits.US, "40", "Enter a weight from 0 lb 14 oz (400 g) to 15 lb 7 oz (7000 g).")]
    public void Unreadable_or_impossible_weights_say_how_to_write_them(MeasurementUnits units, string posted, string message)
    {
        var error = Assert.Single(Validate("baby", new() { ["birth_weight_g"] = [posted] }, units).Errors);
        Assert.Equal("birth_weight_g", error.Key);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData(MeasurementUnits.US, "4 fl oz", "118", null)]
    [InlineData(MeasurementUnits.US, "4 oz", "118", null)]
    [InlineData(MeasurementUnits.Metric, "120 ml", "120", null)]
    [InlineData(MeasurementUnits.US, "a bottle", null, "Enter the amount in fluid ounces, like 4 fl oz")]
    [InlineData(MeasurementUnits.Metric, "a bottle", null, "Enter the amount in mL, like 120")]
    [InlineData(MeasurementUnits.Metric, "2001", null, "Enter an amount from 0 mL to 2000 mL.")]
    [InlineData(MeasurementUnits.US, "4", "118", null)]
    [InlineData(MeasurementUnits.Metric, "4", "4", null)]
    [InlineData(MeasurementUnits.US, "120 mL", "120", null)]
    [InlineData(MeasurementUnits.US, "120", null, "to 67.6 fl oz (2000 mL). If you meant mL, add mL, like 120 mL.")]
    public void Supplement_volumes_are_stored_in_ml(MeasurementUnits units, string posted, string? stored, string? message)
    {
        var result = Validate("supplements", new() { ["supplement_ml_24h"] = [posted] }, units);
        if (stored is not null)
        {
            Assert.True(result.IsValid, string.Join("; ", result.Errors));
            Assert.Equal(stored, result.Values["supplement_ml_24h"]);
        }
        else
        {
            Assert.Contains(message!, Assert.Single(result.Errors).Message);
        }
    }

    [Fact]
    public void A_most_recent_weight_needs_its_date()
    {
        var result = Validate("baby", new() { ["baby_dob"] = ["2026-11-01"], ["birth_weight_g"] = ["3400"], ["latest_weight_g"] = ["3500"] });
        Assert.Equal("latest_weight_date", Assert.Single(result.Errors).Key);
    }

    [Fact]
    public void Saved_weights_go_back_into_the_form_in_the_clinics_units_and_save_unchanged()
    {
        var saved = new IntakeAnswers(new Dictionary<string, string>
        {
            ["baby_dob"] = "2026-11-01", ["birth_weight_g"] = "3290", ["supplement_ml_24h"] = "60",
        });
        var baby = SectionPage.FromAnswers(saved, IntakeForm.Section("baby")!, MeasurementUnits.US);
        Assert.Equal(["7 lb 4.05 oz"], baby["birth_weight_g"]);
        Assert.Equal(["3290"], SectionPage.FromAnswers(saved, IntakeForm.Section("baby")!)["birth_weight_g"]);
        Assert.Equal(["2.03 fl oz"], SectionPage.FromAnswers(saved, IntakeForm.Section("supplements")!, MeasurementUnits.US)["supplement_ml_24h"]);

        var again = Validate("baby", baby.ToDictionary(p => p.Key, p => p.Value.ToArray()), MeasurementUnits.US);
        Assert.True(again.IsValid, string.Join("; ", again.Errors));
        Assert.Equal("3290", again.Values["birth_weight_g"]);
    }

    [Fact]
    public void The_review_shows_weights_and_volumes_in_the_clinics_units()
    {
        Assert.Equal("7 lb 4 oz (3290 g)", IntakeForm.Fields["birth_weight_g"].Display("3290", MeasurementUnits.US));
        Assert.Equal("3290 g", IntakeForm.Fields["birth_weight_g"].Display("3290"));
        Assert.Equal("2 fl oz (60 mL)", IntakeForm.Fields["expressed_ml_24h"].Display("60", MeasurementUnits.US));
        Assert.Equal(MeasurementUnits.Metric, new ReviewPage(IntakeAnswers.Empty, [], false, null).Units);
    }

    [Fact]
    public void The_diff_writes_changed_weights_in_the_clinics_units()
    {
        var before = new IntakeAnswers(new Dictionary<string, string> { ["latest_weight_g"] = "3290" });
        var after = new IntakeAnswers(new Dictionary<string, string> { ["latest_weight_g"] = "3629" });
        var change = Assert.Single(IntakeDiff.Between(before, after, MeasurementUnits.US));
        Assert.Equal(("7 lb 4 oz (3290 g)", "8 lb 0 oz (3629 g)"), (change.Before, change.After));
        Assert.Equal("3629 g", IntakeDiff.Between(before, after).Single().After);
    }

    [Theory]
    [InlineData("baby_rash")]
    [InlineData("baby_green_vomit")]
    [InlineData("hours_since_wet_diaper")]
    [InlineData("parent_headache_vision")]
    [InlineData("parent_leg")]
    [InlineData("parent_wound")]
    [InlineData("parent_seizure")]
    [InlineData("baby_dry_mouth")]
    [InlineData("baby_feeding_conditions")]
    [InlineData("breast_severe")]
    [InlineData("breast_not_improving")]
    public void The_new_warning_sign_questions_must_be_answered(string key)
    {
        Assert.True(IntakeForm.Fields[key].Required);
        Assert.Contains(IntakeValidator.Missing(IntakeAnswers.Empty), m => m.Key == key);
    }

    [Fact]
    public void Galactagogues_are_a_multi_choice_with_metoclopramide()
    {
        var field = IntakeForm.Fields["galactagogues"];
        Assert.Equal(FieldKind.Multi, field.Kind);
        Assert.Equal("domperidone,metoclopramide",
            Validate("health", new() { ["galactagogues"] = ["metoclopramide", "domperidone"] }).Values["galactagogues"]);
    }

    [Theory]
    [InlineData("birth_weight_g", MeasurementUnits.US, "In pounds and ounces")]
    [InlineData("birth_weight_g", MeasurementUnits.Metric, "In grams")]
    [InlineData("supplement_ml_24h", MeasurementUnits.US, "In fluid ounces")]
    [InlineData("supplement_ml_24h", MeasurementUnits.Metric, "In mL")]
    [InlineData("expressed_ml_24h", MeasurementUnits.US, "Enter 0 if you do not pump. In fluid ounces")]
    public void Weight_and_volume_hints_put_the_clinics_units_first(string key, MeasurementUnits units, string start)
    {
        Assert.StartsWith(start, IntakeForm.Fields[key].HintFor(units));
        Assert.Equal(IntakeForm.Fields["baby_rash"].Hint, IntakeForm.Fields["baby_rash"].HintFor(MeasurementUnits.US));
    }
}

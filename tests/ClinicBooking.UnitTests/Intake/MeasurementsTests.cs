using ClinicBooking.Web.Domain.Intake;

namespace ClinicBooking.UnitTests.Intake;

public sealed class MeasurementsTests
{
    [Theory]
    [InlineData("7 lb 4 oz", 3289)]
    [InlineData("7lb 4oz", 3289)]
    [InlineData("7 LB 4 OZ", 3289)]
    [InlineData("7 lbs 4 ozs", 3289)]
    [InlineData("7 pounds 4 ounces", 3289)]
    [InlineData("7 lb, 4 oz", 3289)]
    [InlineData("7lb4oz", 3289)]
    [InlineData("7.25 lb", 3289)]
    [InlineData("7 lb", 3175)]
    [InlineData("116 oz", 3289)]
    [InlineData("7 lb 4.5 oz", 3303)]
    [InlineData("3290", 3290)]
    [InlineData("3290 g", 3290)]
    [InlineData("3290g", 3290)]
    [InlineData(" 3290 grams ", 3290)]
    [InlineData("3.29 kg", 3290)]
    [InlineData("0 lb 15 oz", 425)]
    public void Weights_are_read_in_grams_from_pounds_ounces_grams_or_kilograms(string text, int grams)
    {
        Assert.Equal(grams, Measurements.ParseWeightGrams(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("seven pounds")]
    [InlineData("-3290")]
    [InlineData("-7 lb")]
    [InlineData("7 lb 16 oz")]         // 16 oz is a pound: a slip
    [InlineData("7 lb -4 oz")]
    [InlineData("3290.5 g")]           // grams are whole
    [InlineData("7 st")]
    [InlineData("1e9")]
    [InlineData("99999999999999999999999 g")]
    [InlineData("7 lb 4 oz and a bit more than that")]
    [InlineData("7,25 lb")]
    [InlineData("7..5 lb")]
    [InlineData("lb 7")]
    [InlineData("3290 ml")]
    public void Unreadable_weights_are_null(string? text)
    {
        Assert.Null(Measurements.ParseWeightGrams(text));
    }

    [Fact]
    public void Absurdly_large_weights_are_read_without_overflow_and_left_to_the_range_check()
    {
        Assert.Equal(453_592_370, Measurements.ParseWeightGrams("1000000 lb"));
        Assert.Null(Measurements.ParseWeightGrams("1000001 lb"));
        Assert.Equal(0, Measurements.ParseWeightGrams("0"));
    }

    [Theory]
    [InlineData("2 fl oz", 59)]
    [InlineData("2 oz", 59)]
    [InlineData("2fl oz", 59)]
    [InlineData("2 fl. oz", 59)]
    [InlineData("4 FL OZ", 118)]
    [InlineData("2.5 oz", 74)]
    [InlineData("60", 60)]
    [InlineData("60 ml", 60)]
    [InlineData("60 mL", 60)]
    [InlineData("60ml", 60)]
    [InlineData("0", 0)]
    public void Volumes_are_read_in_ml_from_fluid_ounces_or_ml(string text, int ml)
    {
        Assert.Equal(ml, Measurements.ParseVolumeMillilitres(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("a bottle")]
    [InlineData("-60")]
    [InlineData("60.5 ml")]
    [InlineData("2 lb")]
    [InlineData("2 cups")]
    [InlineData("99999999999999999999 ml")]
    public void Unreadable_volumes_are_null(string? text)
    {
        Assert.Null(Measurements.ParseVolumeMillilitres(text));
    }

    [Theory]
    [InlineData(3290, MeasurementUnits.Metric, "3290 g")]
    [InlineData(3290, MeasurementUnits.US, "7 lb 4 oz (3290 g)")]
    [InlineData(3629, MeasurementUnits.US, "8 lb 0 oz (3629 g)")]
    [InlineData(400, MeasurementUnits.US, "0 lb 14 oz (400 g)")]
    public void Weights_are_formatted_in_the_clinics_units(int grams, MeasurementUnits units, string expected)
    {
        Assert.Equal(expected, Measurements.FormatWeight(grams, units));
    }

    [Theory]
    [InlineData(60, MeasurementUnits.Metric, "60 mL")]
    [InlineData(60, MeasurementUnits.US, "2 fl oz (60 mL)")]
    [InlineData(120, MeasurementUnits.US, "4.1 fl oz (120 mL)")]
    [InlineData(0, MeasurementUnits.US, "0 fl oz (0 mL)")]
    public void Volumes_are_formatted_in_the_clinics_units(int ml, MeasurementUnits units, string expected)
    {
        Assert.Equal(expected, Measurements.FormatVolume(ml, units));
    }

    [Theory]
    [InlineData(MeasurementUnits.Metric)]
    [InlineData(MeasurementUnits.US)]
    public void Every_stored_weight_and_volume_put_back_in_the_form_reads_back_unchanged(MeasurementUnits units)
    {
        for (var grams = 400; grams <= 15000; grams++)
        {
            Assert.Equal(grams, Measurements.ParseWeightGrams(Measurements.WeightInput(grams, units), units));
        }

        for (var ml = 0; ml <= 3000; ml++)
        {
            Assert.Equal(ml, Measurements.ParseVolumeMillilitres(Measurements.VolumeInput(ml, units), units));
        }
    }

    [Fact]
    public void The_us_form_value_is_pounds_and_ounces()
    {
        Assert.Equal("7 lb 4.05 oz", Measurements.WeightInput(3290, MeasurementUnits.US));
        Assert.Equal("2.03 fl oz", Measurements.VolumeInput(60, MeasurementUnits.US));
        Assert.Equal("3290", Measurements.WeightInput(3290, MeasurementUnits.Metric));
    }

    [Theory]
    [InlineData(MeasurementUnits.Metric, "3290", 3290)]
    [InlineData(MeasurementUnits.Metric, "7.5", null)]      // grams are whole
    [InlineData(MeasurementUnits.US, "7.5", 3402)]          // pounds
    [InlineData(MeasurementUnits.US, "8", 3629)]
    [InlineData(MeasurementUnits.US, "40", 18144)]          // the largest bare number read as pounds
    [InlineData(MeasurementUnits.US, "40.1", null)]         // past it: a unit is needed
    [InlineData(MeasurementUnits.US, "3300", null)]         // grams without a unit are not guessed
    [InlineData(MeasurementUnits.US, "3300 g", 3300)]
    [InlineData(MeasurementUnits.US, "7 lb 4 oz", 3289)]
    [InlineData(MeasurementUnits.US, "116 oz", 3289)]
    public void A_bare_weight_is_grams_at_a_metric_clinic_and_pounds_up_to_40_at_a_us_clinic(MeasurementUnits units, string text, int? grams)
    {
        Assert.Equal(grams, Measurements.ParseWeightGrams(text, units));
        Assert.Equal(!text.Any(char.IsLetter), Measurements.IsBareNumber(text));
    }

    [Theory]
    [InlineData(MeasurementUnits.Metric, "60", 60)]
    [InlineData(MeasurementUnits.US, "4", 118)]             // fluid ounces
    [InlineData(MeasurementUnits.US, "2.5", 74)]
    [InlineData(MeasurementUnits.US, "0", 0)]
    [InlineData(MeasurementUnits.US, "60 ml", 60)]
    [InlineData(MeasurementUnits.US, "2 fl oz", 59)]
    [InlineData(MeasurementUnits.Metric, "2 fl oz", 59)]
    public void A_bare_volume_is_ml_at_a_metric_clinic_and_fluid_ounces_at_a_us_clinic(MeasurementUnits units, string text, int ml)
    {
        Assert.Equal(ml, Measurements.ParseVolumeMillilitres(text, units));
    }
}

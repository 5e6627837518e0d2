using ClinicBooking.Web.Infrastructure;
using Microsoft.Extensions.Primitives;

namespace ClinicBooking.UnitTests;

public sealed class InputRulesTests
{
    private static string? Check(params (string Key, string[] Values)[] parameters) =>
        InputRules.Check(parameters.Select(p => new KeyValuePair<string, StringValues>(p.Key, new StringValues(p.Values))));

    [Theory]
    [InlineData("Pat\u202EnosliW")]
    [InlineData("Pat\u2066Smith")]
    [InlineData("Pat\u0000")]
    [InlineData("Pat\u0007")]
    [InlineData("Pat\u0085")]
    [InlineData("Pat\uFEFF")]
    [InlineData("Pat\r\nBcc: all@example.com")]
    [InlineData("Pat\nSmith")]
    public void Control_bidi_and_line_break_characters_are_refused_in_a_single_line_field(string value)
    {
        Assert.NotNull(Check(("Input.FullName", [value])));
    }

    [Theory]
    [InlineData("O'Brien; DROP TABLE Appointments;--")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Zoë Ångström 李小龍 مريم")]
    [InlineData("tab\tseparated")]
    public void Ordinary_text_of_any_script_passes_untouched(string value)
    {
        Assert.Null(Check(("Input.FullName", [value])));
    }

    [Fact]
    public void Line_breaks_are_fine_in_text_areas_only()
    {
        Assert.Null(Check(("medications_text", ["Vitamin D\r\nIron"])));
        Assert.Null(Check(("Outcome.Notes", ["Line one\nLine two"])));
        Assert.NotNull(Check(("contact_phone", ["555\r\n0100"])));
        Assert.NotNull(Check(("medications_text", ["Vitamin D\u202E"])));
    }

    [Fact]
    public void A_repeated_parameter_is_refused_unless_the_form_sends_it_so()
    {
        Assert.NotNull(Check(("Start", ["2026-12-01T09:00:00-05:00", "2026-12-01T10:00:00-05:00"])));
        Assert.Null(Check(("conditions", ["pcos", "thyroid"])));
        Assert.Null(Check(("CancelVisits", ["true", "false"])));
        Assert.Null(Check(("jobs[]", ["1", "2", "3"])));
        Assert.Null(Check(("__Invariant", ["Outcome.Feeds24h", "Outcome.Confidence"])));
        Assert.NotNull(Check(("bad\nkey", ["x"])));
    }
}

using ClinicBooking.Web.Domain.Intake;

namespace ClinicBooking.UnitTests.Intake;

public sealed class EvidenceTextTests
{
    private static string Line(string key, string answer) => $"{IntakeForm.Fields[key].Label}: {answer}";

    [Fact]
    public void A_question_with_a_phrase_reads_as_a_statement()
    {
        Assert.Equal("Uses a nipple shield.", EvidenceText.Sentence(Line("nipple_shield", "Yes")));
        Assert.Equal("Stress this week: 8 out of 10.", EvidenceText.Sentence(Line("stress_level", "8")));
        Assert.DoesNotContain("?:", EvidenceText.Sentence(Line("pph", "Yes, more than 1 litre")));
    }

    [Fact]
    public void Without_a_phrase_the_question_and_answer_are_kept_apart_honestly()
    {
        var sentence = EvidenceText.Sentence(Line("baby_fever", "Yes"));
        Assert.Equal($"{IntakeForm.Fields["baby_fever"].Label} — Yes", sentence);
        Assert.Equal("Something else: 3", EvidenceText.Sentence("Something else: 3"));
    }

    [Fact]
    public void No_line_keeps_the_question_mark_colon()
    {
        foreach (var field in IntakeForm.Fields.Values)
        {
            Assert.DoesNotContain("?:", EvidenceText.Sentence($"{field.Label}: Yes"));
        }
    }
}

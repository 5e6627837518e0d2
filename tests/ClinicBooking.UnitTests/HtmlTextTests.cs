using ClinicBooking.Web.Email;

namespace ClinicBooking.UnitTests;

public sealed class HtmlTextTests
{
    [Fact]
    public void A_link_becomes_its_text_with_its_decoded_address_alone_on_the_next_line()
    {
        var text = HtmlText.ToPlainText(
            "Please confirm by <a href='https://x.test/c?u=1&amp;code=a%2Fb'>clicking here</a>.");
        // No trailing full stop after the address: mail clients would take it as part of the link.
        Assert.Equal("Please confirm by clicking here\nhttps://x.test/c?u=1&code=a%2Fb", text);
    }

    [Fact]
    public void Tags_are_removed_and_entities_decoded()
    {
        Assert.Equal("Tom & Jerry\nsecond line", HtmlText.ToPlainText("<p>Tom &amp; <b>Jerry</b><br>second line</p>"));
    }

    [Fact]
    public void Links_are_found_once_each_without_trailing_punctuation()
    {
        var links = HtmlText.Links("Go to https://a.test/x. Or https://a.test/x, or (https://b.test/y)");
        Assert.Equal(["https://a.test/x", "https://b.test/y"], links);
    }
}

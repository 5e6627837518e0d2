using ClinicBooking.Web.Infrastructure;

namespace ClinicBooking.UnitTests;

public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("http://localhost:5080", "http://localhost:5080")]
    [InlineData("http://0.0.0.0:5080", "http://localhost:5080")]
    [InlineData("http://[::]:8080", "http://localhost:8080")]
    [InlineData("http://+:80", "http://localhost:80")]
    [InlineData("http://*:5000/", "http://localhost:5000")]
    [InlineData("http://127.0.0.1:49152", "http://127.0.0.1:49152")]
    public void A_listening_address_becomes_a_link_base(string listening, string expected) =>
        Assert.Equal(expected, PublicAddress.FromListening([listening]));

    [Fact]
    public void The_first_http_address_is_preferred_over_https() =>
        Assert.Equal("http://localhost:5080", PublicAddress.FromListening(["https://[::]:5443", "http://[::]:5080", "http://127.0.0.1:6000"]));

    [Fact]
    public void Only_https_gives_the_https_address_and_none_gives_null()
    {
        Assert.Equal("https://localhost:5443", PublicAddress.FromListening(["https://0.0.0.0:5443"]));
        Assert.Null(PublicAddress.FromListening([]));
    }
}

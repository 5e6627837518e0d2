using ClinicBooking.Web.Email;

namespace ClinicBooking.UnitTests;

public sealed class PickupDirectoryTests
{
    [Theory]
    [InlineData("20261126-101010123-0123456789abcdef0123456789abcdef.eml", true)]
    [InlineData("../clinic.db", false)]
    [InlineData("..eml", false)]
    [InlineData("a/b.eml", false)]
    [InlineData("message.txt", false)]
    [InlineData("a b.eml", false)]
    public void Only_plain_eml_names_are_accepted(string name, bool valid) =>
        Assert.Equal(valid, PickupDirectory.IsValidFileName(name));

    [Fact]
    public async Task Messages_are_written_as_whole_eml_files()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var transport = new PickupDirectoryEmailTransport(new PickupDirectory(folder), TimeProvider.System);
            var message = new MimeKit.MimeMessage { Subject = "Hi" };
            message.From.Add(MimeKit.MailboxAddress.Parse("a@b.test"));
            message.To.Add(MimeKit.MailboxAddress.Parse("c@d.test"));
            message.Body = new MimeKit.TextPart("plain") { Text = "body" };

            await transport.SendAsync([message, message]);

            var files = Directory.GetFiles(folder);
            Assert.Equal(2, files.Length);
            Assert.All(files, f => Assert.True(PickupDirectory.IsValidFileName(Path.GetFileName(f))));
            Assert.Equal("Hi", (await MimeKit.MimeMessage.LoadAsync(files[0])).Subject);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}

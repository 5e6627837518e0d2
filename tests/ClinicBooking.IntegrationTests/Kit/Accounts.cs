using System.Net;

namespace ClinicBooking.IntegrationTests.Kit;

public static class Accounts
{
    public const string DemoPassword = "ClinicDemo-2026";
    public const string LoginUrl = "/Identity/Account/Login";

    public static Task<HttpResponseMessage> PostLoginAsync(this HttpClient client, string email, string password) =>
        client.SubmitFormAsync(LoginUrl, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    /// <summary>Signs in and asserts it worked (a redirect away from the login page).</summary>
    public static async Task SignInAsync(this HttpClient client, string email, string password = DemoPassword)
    {
        var response = await client.PostLoginAsync(email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Sign-in as {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static Task<HttpResponseMessage> PostRegisterAsync(this HttpClient client, string name, string email,
        string password, string? confirm = null) =>
        client.SubmitFormAsync("/Identity/Account/Register", new Dictionary<string, string>
        {
            ["Input.FullName"] = name,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm ?? password,
        });
}

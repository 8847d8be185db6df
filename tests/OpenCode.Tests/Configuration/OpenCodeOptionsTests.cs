using OpenCode.Configuration;

namespace OpenCode.Tests.Configuration;

public sealed class OpenCodeOptionsTests
{
    [Fact]
    public void ToString_WithApiKey_NeverShowsIt()
    {
        var options = new OpenCodeOptions { ApiEndpoint = "http://127.0.0.1:8080", Auth = { ApiKey = "sk-secret-123" } };

        var text = options.ToString();

        text.ShouldNotContain("sk-secret-123");
        text.ShouldContain("ApiKey = ***");
        text.ShouldContain("http://127.0.0.1:8080");
    }

    [Fact]
    public void ToString_EndpointWithCredentialsAndQuery_RedactsThem()
    {
        var options = new OpenCodeOptions { ApiEndpoint = "https://user:pa55@models.example/v1?key=k3y" };

        var text = options.ToString();

        text.ShouldNotContain("pa55");
        text.ShouldNotContain("k3y");
        text.ShouldContain("models.example/v1");
    }
}

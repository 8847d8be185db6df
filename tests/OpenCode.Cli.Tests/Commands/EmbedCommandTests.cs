using System.Text.Json;
using OpenCode.Cli.Tests.Fakes;

namespace OpenCode.Cli.Tests.Commands;

public sealed class EmbedCommandTests
{
    [Fact(Timeout = 30_000)]
    public async Task Embed_Texts_OneLineEachWithSizeAndFirstValuesAndUsageOnStderr()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("embed", "abc", "hello world", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Stdout.ShouldBe($"0\t3 dims\t[3, 97, 0.5]\tabc{Environment.NewLine}1\t3 dims\t[11, 104, 0.5]\thello world{Environment.NewLine}");
        result.StderrLines.ShouldContain("2 vector(s) from fake-coder, 14 input tokens (reported)");
        var body = server.LastBody("/v1/embeddings");
        body.GetProperty("input").EnumerateArray().Select(e => e.GetString()).ShouldBe(["abc", "hello world"]);
        body.GetProperty("model").GetString().ShouldBe("fake-coder");
    }

    [Fact(Timeout = 30_000)]
    public async Task Embed_JsonFromStdin_OneTextPerLineWithWholeVectors()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunWithInputAsync("first line\n\nsecond\n", "embed", "--endpoint", server.Url, "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        var embeddings = document.RootElement.GetProperty("embeddings");
        embeddings.GetArrayLength().ShouldBe(2, "the empty line is skipped");
        embeddings[1].GetProperty("input").GetString().ShouldBe("second");
        embeddings[1].GetProperty("dimensions").GetInt32().ShouldBe(3);
        embeddings[1].GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()).ShouldBe([6f, 115f, 0.5f]);
        document.RootElement.GetProperty("usage").GetProperty("promptTokens").GetInt32().ShouldBe(16);
        document.RootElement.GetProperty("model").GetString().ShouldBe("fake-coder");
    }

    [Fact(Timeout = 30_000)]
    public async Task Embed_NoTextAnywhere_UsageErrorWithoutARequest()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("embed", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldContain("embed needs TEXT");
        server.Requests.ShouldNotContain(r => r.Path == "/v1/embeddings");
    }

    [Fact(Timeout = 30_000)]
    public async Task Embed_DimensionsTheServerIgnores_UsageErrorNamingBothSizes()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var result = await CliRun.RunAsync("embed", "abc", "--dimensions", "2", "--endpoint", server.Url);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Stderr.ShouldContain("CAPABILITY_NOT_SUPPORTED");
        result.Stderr.ShouldContain("2 dimensions were asked for");
        result.Stderr.ShouldContain("3-dimensional vectors");
        server.LastBody("/v1/embeddings").GetProperty("dimensions").GetInt32().ShouldBe(2);
    }
}

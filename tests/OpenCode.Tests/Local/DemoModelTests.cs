using OpenCode.Local.Gguf;
using OpenCode.Local.TinyModels;

namespace OpenCode.Tests.Local;

public sealed class DemoModelTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("opencode-demo-test-").FullName;

    [Fact]
    public async Task EnsureAsync_EmptyCache_MakesTheVersionedModelOnceAndReusesIt()
    {
        var ct = TestContext.Current.CancellationToken;

        string path = await DemoModel.EnsureAsync(_root, ct);
        var written = File.GetLastWriteTimeUtc(path);
        string again = await DemoModel.EnsureAsync(_root, ct);

        path.ShouldBe(Path.Combine(_root, "models", $"opencode-demo-{DemoModel.Version}.gguf"));
        again.ShouldBe(path);
        File.GetLastWriteTimeUtc(again).ShouldBe(written);
        Directory.GetFiles(Path.Combine(_root, "models")).ShouldBe([path]);
        new FileInfo(path).Length.ShouldBeInRange(1_000_000, 5_000_000);
        var file = GgufReader.Read(path);
        file.TryGet("general.name")!.AsString().ShouldBe("opencode-demo");
        file.TryGet("tokenizer.ggml.fim_pre_token_id").ShouldNotBeNull();
        file.TryGet("tokenizer.chat_template").ShouldNotBeNull();
    }

    [Fact]
    public async Task EnsureAsync_TwoCachesSameVersion_WriteIdenticalBytes()
    {
        var ct = TestContext.Current.CancellationToken;
        string other = Directory.CreateTempSubdirectory("opencode-demo-test-").FullName;
        try
        {
            byte[] first = await File.ReadAllBytesAsync(await DemoModel.EnsureAsync(_root, ct), ct);
            byte[] second = await File.ReadAllBytesAsync(await DemoModel.EnsureAsync(other, ct), ct);

            second.ShouldBe(first);
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

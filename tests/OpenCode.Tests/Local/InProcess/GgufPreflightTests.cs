using OpenCode.Configuration;
using OpenCode.Local;
using OpenCode.Local.InProcess;

namespace OpenCode.Tests.Local.InProcess;

public sealed class GgufPreflightTests(TinyModelFiles files) : IClassFixture<TinyModelFiles>
{
    private static readonly Func<long> Plenty = () => 1L << 40;

    [Fact]
    public void Check_MissingFile_ModelLoadFailedNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-model.gguf");

        var ex = Should.Throw<OpenCodeModelLoadException>(() => GgufPreflight.Check(path, new LocalServerOptions(), Plenty));

        ex.Code.ShouldBe(OpenCodeErrorCodes.ModelLoadFailed);
        ex.ModelPath.ShouldBe(path);
        ex.Message.ShouldContain(path);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(200)]
    public void Check_TruncatedFile_ModelLoadFailedNamingTheFile(int keep)
    {
        var bytes = File.ReadAllBytes(files.WithFim);
        var path = files.Write($"truncated-{keep}.gguf", bytes[..(keep == 200 ? bytes.Length - 200 : keep)]);

        var ex = Should.Throw<OpenCodeModelLoadException>(() => GgufPreflight.Check(path, new LocalServerOptions(), Plenty));

        ex.Message.ShouldContain(path);
    }

    [Fact]
    public void Check_NotAGgufFile_ModelLoadFailed()
    {
        var path = files.Write("text.gguf", "this is not a model at all, just some text"u8.ToArray());

        var ex = Should.Throw<OpenCodeModelLoadException>(() => GgufPreflight.Check(path, new LocalServerOptions(), Plenty));

        ex.Message.ShouldContain("not a readable GGUF");
    }

    [Fact]
    public void Check_LessMemoryThanModelAndContext_ModelLoadFailedWithSizes()
    {
        var size = new FileInfo(files.WithFim).Length;

        var ex = Should.Throw<OpenCodeModelLoadException>(() => GgufPreflight.Check(files.WithFim, new LocalServerOptions(), () => size));

        ex.RequiredBytes!.Value.ShouldBeGreaterThan(size);
        ex.AvailableBytes.ShouldBe(size);
        ex.Message.ShouldContain("localServer.contextSize");
    }

    [Fact]
    public void Check_ValidFile_ReadsFactsFromTheHeader()
    {
        var facts = GgufPreflight.Check(files.WithFim, new LocalServerOptions { ContextSize = 128 }, Plenty);

        facts.Name.ShouldBe("tiny-fim");
        facts.Architecture.ShouldBe("llama");
        facts.TrainingContext.ShouldBe(256);
        facts.ContextSize.ShouldBe(128);
        facts.HasFimTokens.ShouldBeTrue();
        facts.ChatTemplate.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Generate_CorruptFileBehindProvider_TypedErrorNotACrash()
    {
        var path = files.Write("corrupt.gguf", [.. File.ReadAllBytes(files.WithFim).Take(64)]);
        await using var provider = new OpenCode.Provider.OpenCodeProvider(new OpenCodeOptions { ModelPath = path }) { LocalModels = LocalModelBackendFactory.Instance };

        var ex = await Should.ThrowAsync<OpenCodeModelLoadException>(() => provider.InitializeAsync(TestContext.Current.CancellationToken));

        ex.ModelPath.ShouldBe(Path.GetFullPath(path));
    }
}

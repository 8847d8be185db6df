using OpenCode.Configuration;
using OpenCode.Local;
using OpenCode.Local.InProcess;
using OpenCode.Models;
using OpenCode.Provider;

namespace OpenCode.Tests.Local.InProcess;

public sealed class InProcessLoadStateTests(TinyModelFiles files) : IClassFixture<TinyModelFiles>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LoadAndUnload_InProcessModel_ListShowsEachState()
    {
        await using var provider = Create();
        await provider.InitializeAsync(Ct);

        var before = (await provider.ListModelsAsync(Ct)).ShouldHaveSingleItem();
        await provider.LoadModelAsync("tiny-fim", Ct);
        var loaded = (await provider.ListModelsAsync(Ct)).ShouldHaveSingleItem();
        await provider.UnloadModelAsync("tiny-fim", Ct);
        var after = (await provider.ListModelsAsync(Ct)).ShouldHaveSingleItem();

        before.LoadState.ShouldBe(ModelLoadState.Unloaded);
        loaded.LoadState.ShouldBe(ModelLoadState.Loaded);
        after.LoadState.ShouldBe(ModelLoadState.Unloaded);
        provider.GetService<ModelHost>()!.LoadCount.ShouldBe(1);
    }

    [Fact]
    public async Task LoadModel_ThenRequest_UsesTheLoadedWeights()
    {
        await using var provider = Create();
        await provider.LoadModelAsync("tiny-fim", Ct);

        var answer = await provider.SendMessageAsync(new MessageRequest { Prompt = "x", Mode = CompletionMode.Completion, MaxTokens = 2 }, Ct)
            .ToCompletedMessageAsync(cancellationToken: Ct);

        answer.Usage!.CompletionTokens.ShouldBe(2);
        provider.GetService<ModelHost>()!.LoadCount.ShouldBe(1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LoadOrUnload_OtherModel_ModelNotFound(bool load)
    {
        await using var provider = Create();

        var ex = await Should.ThrowAsync<OpenCodeException>(() => load ? provider.LoadModelAsync("other", Ct) : provider.UnloadModelAsync("other", Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.ModelNotFound);
        ex.Message.ShouldContain("tiny-fim");
    }

    private OpenCodeProvider Create() =>
        new(new OpenCodeOptions { ModelPath = files.WithFim, LocalServer = { Threads = 1 } }) { LocalModels = LocalModelBackendFactory.Instance };
}

using Microsoft.Extensions.DependencyInjection;
using OpenCode.Local;
using OpenCode.Provider;
using OpenCode.Tests.Local.InProcess;

namespace OpenCode.Tests.Local;

public sealed class OpenCodeLocalServiceCollectionExtensionsTests(TinyModelFiles files) : IClassFixture<TinyModelFiles>
{
    [Fact]
    public void AddOpenCodeLocal_CalledTwice_RegistersTheFactoryOnce()
    {
        var services = new ServiceCollection();

        services.AddOpenCodeLocal().AddOpenCodeLocal();

        services.Where(d => d.ServiceType == typeof(ILocalModelBackendFactory)).ShouldHaveSingleItem();
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<ILocalModelBackendFactory>().ShouldBeSameAs(LocalModelBackendFactory.Instance);
    }

    [Fact]
    public async Task AddOpenCodeLocal_WithAddOpenCode_ProviderRunsModelPath()
    {
        var services = new ServiceCollection();
        services.AddOpenCode(o =>
        {
            o.ModelPath = files.WithFim;
            o.LocalServer.Threads = 1;
        });
        services.AddOpenCodeLocal();
        await using var container = services.BuildServiceProvider();

        var provider = container.GetRequiredService<OpenCodeProvider>();
        var answer = await container.GetRequiredService<IAIProvider>()
            .SendMessageAsync(new MessageRequest { Messages = [Message.User("hi")], MaxTokens = 3 }, TestContext.Current.CancellationToken)
            .ToCompletedMessageAsync(cancellationToken: TestContext.Current.CancellationToken);

        provider.LocalModels.ShouldBeSameAs(LocalModelBackendFactory.Instance);
        answer.Usage!.CompletionTokens.ShouldBe(3);
    }

    [Fact]
    public async Task AddOpenCode_WithoutAddOpenCodeLocal_ModelPathFailsNamingTheRegistration()
    {
        var services = new ServiceCollection();
        services.AddOpenCode(o => o.ModelPath = files.WithFim);
        await using var container = services.BuildServiceProvider();

        var ex = await Should.ThrowAsync<OpenCodeConfigurationException>(
            () => container.GetRequiredService<IAIProvider>().InitializeAsync(TestContext.Current.CancellationToken));

        ex.Message.ShouldContain("AddOpenCodeLocal()");
    }
}

using System.Reflection;
using OpenCode.Models;

namespace OpenCode.Tests.Abstractions;

public sealed class AbstractionsAssemblyTests
{
    private static readonly Assembly Abstractions = typeof(IAIProvider).Assembly;

    [Fact]
    public void References_OnlyTheFramework()
    {
        var references = Abstractions.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(name == "netstandard" || name.StartsWith("System", StringComparison.Ordinal), $"OpenCode.Abstractions references {name}"));
    }

    [Fact]
    public void ExchangeTypes_LiveInTheAbstractionsAssembly()
    {
        Assert.Equal("OpenCode.Abstractions", Abstractions.GetName().Name);
        Assert.Same(Abstractions, typeof(MessageChunk).Assembly);
        Assert.Same(Abstractions, typeof(OpenCodeException).Assembly);
        Assert.Same(Abstractions, typeof(ModelInfo).Assembly);
        Assert.Same(Abstractions, typeof(ILlmPort).Assembly);
        Assert.NotSame(Abstractions, typeof(OpenCode.Provider.OpenCodeProvider).Assembly);
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenCode.Configuration;
using OpenCode.Routing;

namespace OpenCode.Tests.Routing;

/// <summary>Builds a router over fake instances with a manual clock.</summary>
internal static class RouterHarness
{
    public static OpenCodeRouter Create(
        IReadOnlyList<FakeInstance> instances,
        FakeTimeProvider? time = null,
        Action<OpenCodeOptions>? configure = null,
        FakeResponseCacheStore? cache = null,
        OpenCode.Storage.IInstanceHealthStore? health = null,
        Random? random = null)
    {
        var options = new OpenCodeOptions();
        configure?.Invoke(options);
        var dependencies = new RouterDependencies(
            options, time ?? new FakeTimeProvider(), random ?? new Random(1), NullLogger.Instance, cache, health);
        return new OpenCodeRouter(instances, dependencies);
    }

    public static async Task<List<MessageChunk>> CollectAsync(this IAIProvider provider, MessageRequest request)
    {
        var chunks = new List<MessageChunk>();
        await foreach (var chunk in provider.SendMessageAsync(request, TestContext.Current.CancellationToken))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    public static MessageRequest Ask(string? model = "m", float? temperature = null) =>
        new() { Messages = [Message.User("hi")], Model = model, Temperature = temperature };
}

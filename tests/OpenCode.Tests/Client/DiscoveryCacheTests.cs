using Microsoft.Extensions.Time.Testing;
using OpenCode.Client;

namespace OpenCode.Tests.Client;

public sealed class DiscoveryCacheTests
{
    private const string Models = "http://127.0.0.1:8080/v1/models";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetAsync_ConcurrentCallers_ShareOneFetch()
    {
        var cache = new DiscoveryCache(new FakeTimeProvider(), TimeSpan.FromSeconds(5));
        var answer = new TaskCompletionSource<byte[]>();
        var fetches = 0;

        var first = cache.GetAsync(Models, _ => { fetches++; return answer.Task; }, Ct);
        var second = cache.GetAsync(Models, _ => { fetches++; return answer.Task; }, Ct);
        answer.SetResult("{}"u8.ToArray());

        (await first).ShouldBe("{}"u8.ToArray());
        (await second).ShouldBeSameAs(await first);
        fetches.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_AfterTimeToLive_FetchesAgain()
    {
        var clock = new FakeTimeProvider();
        var cache = new DiscoveryCache(clock, TimeSpan.FromSeconds(5));
        var fetches = 0;
        Task<byte[]> Fetch(CancellationToken token) => Task.FromResult(new[] { (byte)++fetches });

        await cache.GetAsync(Models, Fetch, Ct);
        clock.Advance(TimeSpan.FromSeconds(4));
        (await cache.GetAsync(Models, Fetch, Ct)).ShouldBe([(byte)1]);
        clock.Advance(TimeSpan.FromSeconds(1));

        (await cache.GetAsync(Models, Fetch, Ct)).ShouldBe([(byte)2]);
    }

    [Fact]
    public async Task GetAsync_FailedFetch_IsNotKept()
    {
        var cache = new DiscoveryCache(new FakeTimeProvider(), TimeSpan.FromSeconds(5));

        await Should.ThrowAsync<OpenCodeException>(() => cache.GetAsync(Models, _ => Task.FromException<byte[]>(new OpenCodeException(OpenCodeErrorCodes.ServerError, "down")), Ct));

        (await cache.GetAsync(Models, _ => Task.FromResult(new byte[] { 7 }), Ct)).ShouldBe([(byte)7]);
    }

    [Fact]
    public async Task GetAsync_StarterCancels_OtherCallerStillGetsAnAnswer()
    {
        var cache = new DiscoveryCache(new FakeTimeProvider(), TimeSpan.FromSeconds(5));
        using var starter = new CancellationTokenSource();
        var first = cache.GetAsync(Models, token => Task.Delay(Timeout.Infinite, token).ContinueWith(_ => Array.Empty<byte>(), token, TaskContinuationOptions.None, TaskScheduler.Default), starter.Token);
        var second = cache.GetAsync(Models, _ => Task.FromResult(new byte[] { 9 }), Ct);

        await starter.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => first);
        (await second).ShouldBe([(byte)9]);
    }

    [Fact]
    public void KeyOf_SmallBodies_AreKeptWholeAndDistinct()
    {
        var uri = new Uri("http://127.0.0.1:8080/tokenize");

        var first = DiscoveryCache.KeyOf(uri, """{"content":"<fim_prefix>"}"""u8);
        var second = DiscoveryCache.KeyOf(uri, """{"content":"<fim_suffix>"}"""u8);

        first.ShouldBe("""http://127.0.0.1:8080/tokenize#{"content":"<fim_prefix>"}""");
        second.ShouldNotBe(first);
    }

    [Fact]
    public void KeyOf_BodyOverTheLimit_IsHashedToAShortKey()
    {
        var uri = new Uri("http://127.0.0.1:8080/tokenize");
        var body = new byte[DiscoveryCache.MaxBodyInKey + 1];
        var other = new byte[DiscoveryCache.MaxBodyInKey + 1];
        other[^1] = 1;

        var key = DiscoveryCache.KeyOf(uri, body);

        key.Length.ShouldBe(uri.AbsoluteUri.Length + 1 + 64);
        DiscoveryCache.KeyOf(uri, other).ShouldNotBe(key);
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenCode.Completion;

namespace OpenCode.Tests.Completion;

public sealed class CodeCompletionServiceTests
{
    private const string Document = "def area(r):\n    return \n\nprint(area(2))\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int CursorAfterReturn => Document.IndexOf("return ", StringComparison.Ordinal) + "return ".Length;

    [Fact]
    public async Task CompleteAsync_ServerAnswer_StopsAtLineEndAndReportsRangeUsageAndPrompt()
    {
        var backend = new FakeCompletionBackend { Script = _ => ["3.14 * r", " * r\nprint('x')"] };
        var service = Create(backend);

        var completion = await service.CompleteAsync(Request(Document, CursorAfterReturn), Ct);

        completion.Text.ShouldBe("3.14 * r * r");
        completion.Range.ShouldBe(new CompletionRange(CursorAfterReturn, CursorAfterReturn));
        completion.IsFinal.ShouldBeTrue();
        completion.Source.ShouldBe(CodeCompletionSource.Server);
        completion.Stop.ShouldBe(CompletionStop.StopRule);
        completion.StopRule.ShouldBe("single-line");
        completion.Prompt!.Prefix.ShouldBe(Document[..CursorAfterReturn]);
        completion.Prompt.Suffix.ShouldBe(Document[CursorAfterReturn..]);
        backend.Requests.Single().Stop.ShouldBe(["\n"]);
    }

    [Fact]
    public async Task CompleteAsync_UserTypedThePredictedStart_ServesTheRestFromCacheWithoutAskingAgain()
    {
        var backend = new FakeCompletionBackend { Script = _ => ["3.14 * r * r"] };
        var service = Create(backend);
        await service.CompleteAsync(Request(Document, CursorAfterReturn), Ct);

        var typed = Document.Insert(CursorAfterReturn, "3.1");
        var completion = await service.CompleteAsync(Request(typed, CursorAfterReturn + 3), Ct);

        completion.Text.ShouldBe("4 * r * r");
        completion.Source.ShouldBe(CodeCompletionSource.Cache);
        backend.Requests.Count.ShouldBe(1);
        service.Statistics.CacheHits.ShouldBe(1);
    }

    [Fact]
    public async Task CompleteAsync_UserTypedSomethingElse_AsksAgain()
    {
        var backend = new FakeCompletionBackend { Script = _ => ["3.14 * r * r"] };
        var service = Create(backend);
        await service.CompleteAsync(Request(Document, CursorAfterReturn), Ct);

        await service.CompleteAsync(Request(Document.Insert(CursorAfterReturn, "ma"), CursorAfterReturn + 2), Ct);

        backend.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task CompleteAsync_CacheEntryOlderThanLifetime_AsksAgain()
    {
        var time = new FakeTimeProvider();
        var backend = new FakeCompletionBackend { Script = _ => ["3.14 * r * r"] };
        var service = Create(backend, time, new CodeCompletionOptions { CacheLifetime = TimeSpan.FromMinutes(1) });
        await service.CompleteAsync(Request(Document, CursorAfterReturn), Ct);

        time.Advance(TimeSpan.FromMinutes(2));
        await service.CompleteAsync(Request(Document, CursorAfterReturn), Ct);

        backend.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task CompleteAsync_TypingIntoRunningGeneration_JoinsItInsteadOfSendingAnother()
    {
        var backend = new FakeCompletionBackend { Script = _ => ["3.14", " * r * r"], Hold = true };
        var service = Create(backend);
        var first = service.CompleteAsync(Request(Document, CursorAfterReturn), Ct);
        await backend.FirstChunkSent.Task.WaitAsync(Ct);

        var second = service.CompleteAsync(Request(Document.Insert(CursorAfterReturn, "3."), CursorAfterReturn + 2), Ct);
        backend.Release();

        var joined = await second;
        joined.Text.ShouldBe("14 * r * r");
        joined.Source.ShouldBe(CodeCompletionSource.InFlight);
        (await first).Stop.ShouldBe(CompletionStop.Superseded);
        backend.Requests.Count.ShouldBe(1);
        service.Statistics.InFlightJoins.ShouldBe(1);
    }

    [Fact]
    public async Task CompleteAsync_JoinedGenerationGoesAnotherWay_AsksForItsOwn()
    {
        var backend = new FakeCompletionBackend { Script = r => r.Prefix.EndsWith('9') ? ["9 * r"] : ["", "3.14"], Hold = true };
        var service = Create(backend);
        var first = service.CompleteAsync(Request(Document, CursorAfterReturn), Ct);
        await backend.FirstChunkSent.Task.WaitAsync(Ct);

        var second = service.CompleteAsync(Request(Document.Insert(CursorAfterReturn, "9"), CursorAfterReturn + 1), Ct);
        backend.Release();

        var own = await second;
        own.Text.ShouldBe("9 * r");
        own.Source.ShouldBe(CodeCompletionSource.Server);
        backend.Requests.Count.ShouldBe(2);
        service.Statistics.InFlightJoins.ShouldBe(1);
        (await first).Stop.ShouldBe(CompletionStop.Superseded);
    }

    [Fact]
    public async Task CompleteAsync_NewRequestElsewhereInDocument_CancelsTheOlderGeneration()
    {
        var backend = new FakeCompletionBackend { Script = _ => ["3.14", " * r * r"], Hold = true };
        var service = Create(backend);
        var first = service.CompleteAsync(Request(Document, CursorAfterReturn), Ct);
        await backend.FirstChunkSent.Task.WaitAsync(Ct);

        backend.Hold = false;
        var second = await service.CompleteAsync(Request(Document.Insert(CursorAfterReturn, "x"), CursorAfterReturn + 1), Ct);

        var superseded = await first;
        superseded.Stop.ShouldBe(CompletionStop.Superseded);
        superseded.Text.ShouldBeEmpty();
        second.Text.ShouldBe("3.14 * r * r");
        backend.Cancelled.ShouldBe(1);
        service.Statistics.CancelledGenerations.ShouldBe(1);
    }

    [Fact]
    public async Task CompleteAsync_OtherDocuments_DoNotCancelEachOther()
    {
        var backend = new FakeCompletionBackend { Script = _ => ["1", "2"], Hold = true };
        var service = Create(backend);
        var first = service.CompleteAsync(Request(Document, CursorAfterReturn), Ct);
        await backend.FirstChunkSent.Task.WaitAsync(Ct);

        var second = service.CompleteAsync(Request(Document, CursorAfterReturn) with { DocumentPath = "other.py" }, Ct);
        backend.Release();

        (await first).Text.ShouldBe("12");
        (await second).Text.ShouldBe("12");
        backend.Cancelled.ShouldBe(0);
    }

    [Fact]
    public async Task CompleteAsync_TimeLimitPasses_ReturnsWhatArrivedAndStopsTheGeneration()
    {
        var time = new FakeTimeProvider();
        var backend = new FakeCompletionBackend { Script = _ => ["3.14", " * r"], Hold = true };
        var service = Create(backend, time);
        var pending = service.CompleteAsync(Request(Document, CursorAfterReturn) with { TimeLimit = TimeSpan.FromMilliseconds(300) }, Ct);
        await backend.FirstChunkSent.Task.WaitAsync(Ct);

        time.Advance(TimeSpan.FromMilliseconds(300));
        var completion = await pending.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        completion.Stop.ShouldBe(CompletionStop.TimeLimit);
        completion.Text.ShouldBe("3.14");
        backend.Requests.Single().GenerationTimeLimit.ShouldBe(TimeSpan.FromMilliseconds(300));
        await backend.HeldStreamCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        backend.Cancelled.ShouldBe(1);
    }

    [Fact]
    public async Task StreamAsync_MultiLine_YieldsEachCompleteLineThenTheFinal()
    {
        var backend = new FakeCompletionBackend { Script = _ => ["x = 1\n", "    y = 2\n", "    z"] };
        var service = Create(backend);
        var text = "def f():\n    \n";

        var items = new List<CodeCompletion>();
        await foreach (var item in service.StreamAsync(Request(text, text.IndexOf("    \n", StringComparison.Ordinal) + 4), Ct))
        {
            items.Add(item);
        }

        items[^1].IsFinal.ShouldBeTrue();
        items[^1].Text.ShouldBe("x = 1\n    y = 2\n    z");
        items[^1].Stop.ShouldBe(CompletionStop.MaxTokens);
        items.Where(i => !i.IsFinal).ShouldAllBe(i => i.Text.EndsWith('1') || i.Text.EndsWith('2'));
    }

    [Fact]
    public async Task CompleteAsync_CursorOutsideText_ThrowsInvalidRequestNamingCursor()
    {
        var service = Create(new FakeCompletionBackend());

        var ex = await Should.ThrowAsync<OpenCodeException>(() => service.CompleteAsync(Request("abc", 4), Ct));

        ex.Code.ShouldBe(OpenCodeErrorCodes.InvalidRequest);
        ex.Message.ShouldContain("Cursor 4");
    }

    [Fact]
    public void Create_BudgetOutOfRange_ThrowsInvalidConfigurationNamingSetting()
    {
        var ex = Should.Throw<OpenCodeException>(() => Create(new FakeCompletionBackend(), options: new CodeCompletionOptions { PrefixTokens = 0 }));

        ex.Code.ShouldBe(OpenCodeErrorCodes.InvalidConfiguration);
        ex.Message.ShouldContain("PrefixTokens");
    }

    [Fact]
    public async Task CompleteAsync_LlamaServerSlots_SendsSlotAffinityAndCacheSettings()
    {
        var backend = new FakeCompletionBackend();
        var service = Create(backend);

        await service.CompleteAsync(Request(Document, CursorAfterReturn), Ct);

        var sent = backend.Requests.Single();
        sent.SlotId.ShouldBe(InfillRequestFactory.SlotFor("src/area.py", 2));
        sent.CachePrompt.ShouldBe(true);
        sent.CacheReuseChunk.ShouldBe(64);
    }

    [Fact]
    public async Task CompleteAsync_ServerWithoutInfillEndpoint_SendsNoLlamaServerSettings()
    {
        var backend = new FakeCompletionBackend { Target = new CompletionTarget(OpenCode.Families.ModelFamily.CodeLlama, ContextFormat.PathComments, null, null, false) };
        var service = Create(backend);

        await service.CompleteAsync(Request(Document, CursorAfterReturn), Ct);

        var sent = backend.Requests.Single();
        sent.SlotId.ShouldBeNull();
        sent.CachePrompt.ShouldBeNull();
        sent.GenerationTimeLimit.ShouldBeNull();
    }

    internal static CodeCompletionService Create(FakeCompletionBackend backend, TimeProvider? time = null, CodeCompletionOptions? options = null) =>
        new(backend, options ?? new CodeCompletionOptions(), time ?? new FakeTimeProvider(), NullLogger.Instance);

    internal static CodeCompletionRequest Request(string text, int cursor) => new() { DocumentPath = "src/area.py", Text = text, Cursor = cursor };
}

using OpenCode.Local.InProcess;

namespace OpenCode.Tests.Local.InProcess;

public sealed class StopSequenceFilterTests
{
    [Fact]
    public void Push_StopSplitAcrossPieces_HoldsBackThenCutsBeforeIt()
    {
        var filter = new StopSequenceFilter(["</s>", "END"]);

        var first = filter.Push("abc<");
        var second = filter.Push("/");
        var third = filter.Push("s>tail");

        first.ShouldBe("abc");
        second.ShouldBe(string.Empty);
        third.ShouldBe(string.Empty);
        filter.Stopped.ShouldBeTrue();
    }

    [Fact]
    public void Push_PrefixThatDoesNotComplete_ReleasesHeldText()
    {
        var filter = new StopSequenceFilter(["END"]);

        var first = filter.Push("the EN");
        var second = filter.Push("D? no, ENTER");

        first.ShouldBe("the ");
        (first + second + filter.Flush()).ShouldBe("the ");
        filter.Stopped.ShouldBeTrue();
    }

    [Fact]
    public void Flush_NoStopFound_ReturnsHeldBackText()
    {
        var filter = new StopSequenceFilter(["###"]);

        var text = filter.Push("a ##");

        text.ShouldBe("a ");
        filter.Flush().ShouldBe("##");
        filter.Stopped.ShouldBeFalse();
    }

    [Fact]
    public void Push_NoStops_PassesEverything()
    {
        new StopSequenceFilter([]).Push("x</s>").ShouldBe("x</s>");
    }
}

using OpenCode.Collections;

namespace OpenCode.Tests.Collections;

public sealed class RecentlyUsedTableTests
{
    [Fact]
    public void GetOrAdd_PastCapacity_ForgetsTheLeastRecentlyUsedKey()
    {
        var table = new RecentlyUsedTable<string, int>(capacity: 2, StringComparer.Ordinal);
        table.GetOrAdd("a", static (_, v) => v, 1);
        table.GetOrAdd("b", static (_, v) => v, 2);
        table.GetOrAdd("a", static (_, v) => v, 99).ShouldBe(1); // "a" used again: "b" is now the least recent

        table.GetOrAdd("c", static (_, v) => v, 3);

        table.Entries.Select(e => e.Key).Order(StringComparer.Ordinal).ShouldBe(["a", "c"]);
        table.GetOrAdd("b", static (_, v) => v, 20).ShouldBe(20); // forgotten, so created afresh
    }
}

using OpenCode.Completion;

namespace OpenCode.Tests.Completion;

/// <summary>Stop rules and filters over recorded-style model output, per family and language, fed whole and split at every chunk size.</summary>
public sealed class GoldenCompletionTests
{
    [Theory]
    [MemberData(nameof(CompletionFixture.Names), MemberType = typeof(CompletionFixture))]
    public void StopRulesAndFilters_Fixture_GiveExpectedCompletion(string name)
    {
        var fixture = CompletionFixture.Load(name);
        var context = CompletionContext.Create(fixture.Request, fixture.Mode, fixture.Family.Fim!.StopTokens);

        foreach (var chunkSize in new[] { 1, 2, 3, 7, fixture.Raw.Length })
        {
            var stopper = new CompletionStopper(context);
            for (var i = 0; i < fixture.Raw.Length && !stopper.Stopped; i += chunkSize)
            {
                stopper.Append(fixture.Raw.Substring(i, Math.Min(chunkSize, fixture.Raw.Length - i)));
            }

            var text = CompletionFilters.Apply(context, stopper.Finish());

            text.ShouldBe(fixture.Expected, $"{name}, chunks of {chunkSize}");
            stopper.Rule.ShouldBe(fixture.Rule, $"{name}, chunks of {chunkSize}");
            CompletionFilters.RangeOf(context, text, fixture.Cursor).Length.ShouldBe(fixture.Range, name);
        }
    }

    [Fact]
    public void Fixtures_CoverEveryFamilyWithFimAndSeveralLanguages()
    {
        var fixtures = CompletionFixture.AllNames.Select(CompletionFixture.Load).ToList();

        fixtures.Select(f => f.Family.Id).Distinct().Count().ShouldBe(6);
        fixtures.Select(f => f.Language).Distinct().Count().ShouldBeGreaterThanOrEqualTo(8);
        fixtures.Where(f => f.Rule is not null).Select(f => f.Rule).Distinct().Count().ShouldBe(6);
    }
}

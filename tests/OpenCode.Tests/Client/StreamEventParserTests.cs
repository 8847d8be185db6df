using System.Text;
using System.Text.Json;
using CsCheck;
using OpenCode.Client;

namespace OpenCode.Tests.Client;

/// <summary>
/// The event parser reads only the news of an event that repeats what the last plain events said around it; these tests hold
/// it to giving exactly what reading every event whole gives.
/// </summary>
public sealed class StreamEventParserTests
{
    /// <summary>Events as servers send them; <c>TEXT</c> is where a text value (or, to try the parser, anything else) goes.</summary>
    private static readonly string[] Shapes =
    [
        """{"choices":[{"finish_reason":null,"index":0,"delta":{"content":TEXT}}],"created":1,"id":"c1","model":"tiny","object":"chat.completion.chunk"}""",
        """{"id":"c2","object":"chat.completion.chunk","created":2,"model":"m","choices":[{"index":0,"delta":{"content":TEXT},"logprobs":null,"finish_reason":null}]}""",
        """{"choices":[{"index":0,"delta":{"reasoning_content":TEXT}}],"model":"tiny"}""",
        """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":5},"model":"tiny","x":TEXT}""",
        """{"object":"error","message":TEXT}""",
        """{"choices":[{"finish_reason":null,"index":0,"delta":{"content":TEXT}}],"created":1,"id":"c1","model":"other","object":"chat.completion.chunk"}""",
        """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":TEXT}}]}}],"model":"tiny"}""",
        """{"choices":[{"index":0,"text":TEXT,"finish_reason":null}],"model":"tiny","timings":{"predicted_n":4}}""",
        """{"content":TEXT,"stop":false,"index":0}""",
        """{"choices":[{"finish_reason":null,"index":0,"delta":{"content":TEXT}}],"created":1,"id":"c1","model":"tiny","object":"chat.completion.chunk","error":{"message":"late"}}""",
        """{"choices":[{"index":0,"delta":{"content":"first"}},{"index":1,"delta":{"content":TEXT}}],"model":"tiny"}""",
    ];

    /// <summary>What may stand where the text goes: mostly JSON strings of code, sometimes things that are not one string.</summary>
    private static readonly Gen<byte[]> Value = Gen.Frequency(
        (6, Gen.String[Gen.Char["abc (){};=<>"], 0, 8].Select(Json)),
        (2, Gen.String[Gen.Char["ab\"\\\n\t\u00e9\u4e2d"], 0, 6].Select(Json)),
        (2, Gen.OneOf<string>(
            "\"a\",\"content\":\"b\"", "\"ab\\\"", "null", "12", "\"\"", "\"x\\u0041\"", "\"a\"  ", "\"a\",\"role\":\"r\"", "\"\\ud800\"").Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Const(new byte[] { (byte)'"', 0xC3, 0x28, (byte)'"' })));

    private static readonly Gen<(int Shape, byte[] Value, int Flip, byte To)[]> Events =
        Gen.Select(Gen.Frequency((8, Gen.Int[0, 1]), (1, Gen.Int[0, Shapes.Length - 1])), Value, Gen.Frequency((12, Gen.Const(-1)), (1, Gen.Int[0, 400])), Gen.Byte)
            .Array[1, 40];

    [Fact]
    public void Parse_AnySequenceOfEvents_GivesWhatReadingEachWholeGives()
    {
        Events.Sample(
            events =>
            {
                var parser = new StreamEventParser();
                var whole = new StreamEventParser(rememberRepeats: false);
                foreach (var (shape, value, flip, to) in events)
                {
                    var data = Event(shape, value);
                    if (flip >= 0)
                    {
                        data[flip % data.Length] = to;
                    }

                    Outcome(parser, data).ShouldBe(Outcome(whole, data), Encoding.UTF8.GetString(data));
                }
            },
            iter: 500,
            threads: 1);
    }

    [Fact]
    public void Parse_RepeatedEnvelope_ReadsEachTextExactly()
    {
        var parser = new StreamEventParser();
        string[] texts = ["stati", "c ", "void", "\n", "\"q\"", "caf\u00e9", "\ud83d\ude80", string.Empty, "tab\t", "void"];

        var read = texts.Select(text => parser.Parse(string.Empty, Event(0, Json(text))).Content).ToList();

        read.ShouldBe(texts);
        parser.Model.ShouldBe("tiny");
    }

    [Fact]
    public void Parse_RememberedEnvelopeAfterAnotherModelSpoke_NamesItsOwnModelAgain()
    {
        var parser = new StreamEventParser();
        parser.Parse(string.Empty, Event(0, Json("a")));
        parser.Parse(string.Empty, Event(0, Json("b")));
        parser.Parse(string.Empty, """{"choices":[],"model":"m","usage":{"prompt_tokens":1,"completion_tokens":1}}"""u8);

        var again = parser.Parse(string.Empty, Event(0, Json("d")));

        again.Content.ShouldBe("d");
        parser.Model.ShouldBe("tiny");
    }

    [Fact]
    public void Parse_RepeatedEnvelopeAroundMoreThanOneValue_ReadsTheEventWhole()
    {
        var parser = new StreamEventParser();
        parser.Parse(string.Empty, Event(0, Json("a")));
        parser.Parse(string.Empty, Event(0, Json("b")));

        var twoValues = parser.Parse(string.Empty, Event(0, Encoding.UTF8.GetBytes("\"a\",\"content\":\"b\"")));

        twoValues.Content.ShouldBe("b");
    }

    [Fact]
    public void Parse_RepeatedEnvelopeAroundBrokenText_IsAnInvalidResponse()
    {
        var parser = new StreamEventParser();
        parser.Parse(string.Empty, Event(0, Json("a")));
        parser.Parse(string.Empty, Event(0, Json("b")));

        Should.Throw<OpenCodeInvalidResponseException>(() => parser.Parse(string.Empty, Event(0, Encoding.UTF8.GetBytes("\"ab\\\""))));
        Should.Throw<OpenCodeInvalidResponseException>(() => parser.Parse(string.Empty, Event(0, [(byte)'"', 0xC3, 0x28, (byte)'"'])))
            .Message.ShouldContain("UTF-8");
    }

    [Fact]
    public void Parse_FinishUsageAndErrorAfterRepeatedEvents_AreAllRead()
    {
        var parser = new StreamEventParser();
        parser.Parse(string.Empty, Event(0, Json("a")));
        parser.Parse(string.Empty, Event(0, Json("b")));

        var finish = parser.Parse(string.Empty, Event(3, Json("x")));
        var error = parser.Parse(string.Empty, Event(9, Json("c")));

        finish.FinishReason.ShouldBe(FinishReason.Stop);
        finish.Usage.ShouldNotBeNull().CompletionTokens.ShouldBe(5);
        error.Kind.ShouldBe(StreamEventKind.Error);
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(text));

    private static byte[] Event(int shape, byte[] value)
    {
        var template = Encoding.UTF8.GetBytes(Shapes[shape]);
        var at = template.AsSpan().IndexOf("TEXT"u8);
        return [.. template.AsSpan(0, at), .. value, .. template.AsSpan(at + 4)];
    }

    /// <summary>Everything an event says, or the type of error reading it raised.</summary>
    private static string Outcome(StreamEventParser parser, byte[] data)
    {
        try
        {
            var e = parser.Parse(string.Empty, data);
            var calls = e.ToolCalls is null ? null : string.Join(";", e.ToolCalls.Select(c => $"{c.Index},{c.Id},{c.Name},{c.Arguments}"));
            return $"{e.Kind}|{e.Content}|{e.Reasoning}|{e.FinishReason}|{calls}|{e.Usage?.PromptTokens}|{e.Usage?.CompletionTokens}|" +
                $"{e.Usage?.TimingsPredictedTokens}|{e.ErrorJson}|model {parser.Model}|identity {parser.Identity}";
        }
        catch (Exception ex)
        {
            return ex.GetType().Name;
        }
    }
}

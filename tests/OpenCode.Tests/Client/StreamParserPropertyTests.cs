using System.Text;
using System.Text.Json;
using CsCheck;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Client;

/// <summary>
/// Property tests of the streaming path (SSE parser, event parser, token cache, chunk enumerator): arbitrary splits, bytes and
/// JSON shapes never raise anything but an <see cref="OpenCodeException"/>, and never lose or duplicate text.
/// </summary>
public sealed class StreamParserPropertyTests
{
    private const int Iterations = 300;

    /// <summary>Text of any Unicode scalar values, weighted towards short ASCII code tokens (which take the token cache's path).</summary>
    private static readonly Gen<string> Token = Gen.Frequency(
        (3, Gen.String[Gen.Char["abcdefghij (){};=<>\"\\\n\t"], 0, 8]),
        (1, Gen.Int[0, 0x10FFFF].Where(c => c is < 0xD800 or > 0xDFFF).Array[0, 6].Select(points => string.Concat(points.Select(char.ConvertFromUtf32)))));

    /// <summary>One chunk event for a token, in one of several shapes real servers send.</summary>
    private static readonly Gen<int> Shape = Gen.Int[0, 6];

    private static readonly Gen<(string[] Tokens, int[] Shapes, bool Finish, bool CrLf, int[] Splits)> Stream =
        Gen.Select(Token.Array[0, 90], Shape.Array[90], Gen.Bool, Gen.Bool, Gen.Int[1, 64].Array[1, 40]);

    [Fact]
    public async Task Stream_ArbitraryTokensShapesAndSplits_DeliversEveryCharacterOnceAndTyped()
    {
        await Stream.SampleAsync(
            async sample =>
            {
                var (tokens, shapes, finish, crLf, splits) = sample;
                var expected = string.Concat(tokens);
                var (chunks, error) = await RunAsync(Body(tokens, shapes, finish, crLf), splits);

                if (!finish && expected.Length == 0)
                {
                    error.ShouldBeOfType<OpenCodeException>().Code.ShouldBe(OpenCodeErrorCodes.EmptyResponse);
                    return;
                }

                error.ShouldBeNull();
                if (!expected.Contains("<think>", StringComparison.Ordinal) && !expected.TrimStart().StartsWith('<'))
                {
                    string.Concat(chunks.Select(c => c.Content)).ShouldBe(expected);
                }

                chunks.Count(c => c.IsDone).ShouldBe(1);
                chunks[^1].FinishReason.ShouldBe(finish ? FinishReason.Stop : FinishReason.Unreported);
            },
            iter: Iterations,
            threads: 1);
    }

    [Fact]
    public async Task Stream_ValidStreamWithBytesMutated_EndsWellOrWithAnOpenCodeException()
    {
        var gen = Gen.Select(Stream, Gen.Int[0, int.MaxValue].Array[1, 8], Gen.Byte.Array[1, 8]);
        await gen.SampleAsync(
            async (stream, positions, bytes) =>
            {
                var body = Body(stream.Tokens, stream.Shapes, stream.Finish, stream.CrLf);
                for (var i = 0; i < Math.Min(positions.Length, bytes.Length) && body.Length > 0; i++)
                {
                    body[positions[i] % body.Length] = bytes[i];
                }

                var (_, error) = await RunAsync(body, stream.Splits);

                if (error is not null)
                {
                    error.ShouldBeAssignableTo<OpenCodeException>();
                }
            },
            iter: Iterations,
            threads: 1);
    }

    [Fact]
    public async Task Stream_ArbitraryBytes_EndWithAnOpenCodeExceptionOrAnAnswer()
    {
        var noise = Gen.Frequency(
            (1, Gen.Byte.Array[0, 600]),
            (1, Gen.String[Gen.Char["data: {}[]\":,\n\r\\u0abDONE"], 0, 600].Select(Encoding.UTF8.GetBytes)));
        await Gen.Select(noise, Gen.Int[1, 64].Array[1, 20]).SampleAsync(
            async (body, splits) =>
            {
                var (_, error) = await RunAsync(body, splits);

                if (error is not null)
                {
                    error.ShouldBeAssignableTo<OpenCodeException>();
                }
            },
            iter: Iterations,
            threads: 1);
    }

    private static async Task<(List<MessageChunk> Chunks, Exception? Error)> RunAsync(byte[] body, int[] splits)
    {
        using var client = ClientHarness.Create(ClientHarness.Streaming(() => new ScriptedStream(Split(body, splits))));
        return await ClientHarness.CollectAsync(client.StreamChatCompletionAsync(ClientHarness.Chat(), "tiny", TestContext.Current.CancellationToken));
    }

    private static List<byte[]> Split(byte[] body, int[] sizes)
    {
        var pieces = new List<byte[]>();
        for (int offset = 0, i = 0; offset < body.Length; i++)
        {
            var size = Math.Min(sizes[i % sizes.Length], body.Length - offset);
            pieces.Add(body[offset..(offset + size)]);
            offset += size;
        }

        return pieces;
    }

    private static byte[] Body(string[] tokens, int[] shapes, bool finish, bool crLf)
    {
        var end = crLf ? "\r\n" : "\n";
        var sse = new StringBuilder(": keep-alive" + end + end);
        for (var i = 0; i < tokens.Length; i++)
        {
            var text = JsonSerializer.Serialize(tokens[i]);
            var data = shapes[i] switch
            {
                0 => $$$"""{"choices":[{"index":0,"delta":{"content":{{{text}}}},"finish_reason":null}],"model":"m"}""",
                1 => $$$"""{"id":"x","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"delta":{"role":"assistant","content":{{{text}}}},"logprobs":null,"finish_reason":null,"index":0}],"error":null}""",
                2 => $$$"""  {"model":"m","choices":[{"finish_reason":null,"delta":{"\u0063ontent":{{{text}}},"tool_calls":null},"index":0}],"usage":null,"extra":[1,{"a":[]},"s"]}  """,
                3 => $$$"""{"choices":[{"index":1,"delta":{"content":"other choice"}},{"index":0,"delta":{"content":{{{text}}}}}]}""",
                4 => $$$"""{"choices":[{"index":0,"delta":{"content":{{{text}}}}}],"timings":{"predicted_n":{{{i}}}},"system_fingerprint":"b1"}""",
                5 => $$$"""{"choices":[{"index":0,"delta":{"reasoning_content":null,"content":{{{text}}}}}]}""",
                _ => $$$"""{"choices":[{"index":0,"delta":{"content":{{{text}}}}}]}""" + end + "id: " + i,
            };
            sse.Append("data: ").Append(data).Append(end).Append(end);
            if (i % 7 == 3)
            {
                sse.Append("data:").Append(end).Append(end).Append(": ping").Append(end).Append(end);
            }
        }

        if (finish)
        {
            sse.Append("""data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"model":"m"}""").Append(end).Append(end);
        }

        sse.Append("data: [DONE]").Append(end).Append(end);
        return Encoding.UTF8.GetBytes(sse.ToString());
    }
}

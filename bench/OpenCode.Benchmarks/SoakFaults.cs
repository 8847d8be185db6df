using System.Text;
using Microsoft.AspNetCore.Http;

namespace OpenCode.Benchmarks;

/// <summary>
/// The soak's faulty server: most chat requests get the replayed stream, one in two gets one of the failures seen from
/// hostile or broken servers (issue 12), in a fixed rotation so every run is the same.
/// </summary>
internal sealed class SoakFaults(ReplayTranscript transcript, int maxEventSize)
{
    private static readonly string[] Names =
    [
        "503 Retry-After 0", "cut after a chunk", "error event mid-stream", "hang after a chunk (idle timeout)", "HTML 200",
        "only [DONE]", "invalid UTF-8", "429 Retry-After 0", "JSON 200", "event over maxEventSize", "vLLM error object",
    ];

    private static readonly byte[] Html = Encoding.UTF8.GetBytes("<html><head><title>Portal</title></head><body>log in</body></html>");
    private static readonly byte[] DoneOnly = Encoding.UTF8.GetBytes("data: [DONE]\n\n");
    private static readonly byte[] ErrorEvent = Encoding.UTF8.GetBytes("data: {\"error\":{\"code\":500,\"message\":\"boom\",\"type\":\"server_error\"}}\n\n");
    private static readonly byte[] VllmError = Encoding.UTF8.GetBytes("data: {\"object\":\"error\",\"message\":\"boom\",\"type\":\"InternalServerError\",\"code\":500}\n\ndata: [DONE]\n\n");
    private static readonly byte[] BadUtf8 = [.. "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\""u8, 0xC3, 0x28, .. "\"}}]}\n\n"u8];
    private static readonly byte[] Json = Encoding.UTF8.GetBytes(
        """{"choices":[{"index":0,"message":{"role":"assistant","content":"whole"},"finish_reason":"stop"}],"model":"tiny","usage":{"prompt_tokens":1,"completion_tokens":1}}""");

    // The first few whole events (role chunk and some tokens), ending at an event boundary.
    private readonly byte[] _head = transcript.Body[..(transcript.Body.AsSpan(0, Math.Min(transcript.Body.Length, 600)).LastIndexOf("\n\n"u8) + 2)];
    private readonly byte[] _huge = Encoding.UTF8.GetBytes("data: " + new string('x', maxEventSize + 1024));
    private int _requests;

    /// <summary>Gets the number of fault kinds; every other request is normal.</summary>
    public static int Kinds => Names.Length;

    /// <summary>Gets the name of fault <paramref name="kind"/>.</summary>
    public static string Name(int kind) => Names[kind];

    public async Task AnswerAsync(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        var n = Interlocked.Increment(ref _requests);
        var kind = n % 2 == 0 ? -1 : (n / 2) % Names.Length;
        var response = context.Response;
        switch (kind)
        {
            case 0 or 7:
                response.StatusCode = kind == 0 ? 503 : 429;
                response.Headers.RetryAfter = "0";
                await response.WriteAsync("""{"error":{"message":"busy","type":"unavailable_error"}}""", context.RequestAborted);
                return;
            case 1:
                await WriteAsync(context, "text/event-stream", _head);
                context.Abort();
                return;
            case 2:
                await WriteAsync(context, "text/event-stream", _head, ErrorEvent);
                return;
            case 3:
                await WriteAsync(context, "text/event-stream", _head);
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case 4:
                await WriteAsync(context, "text/html", Html);
                return;
            case 5:
                await WriteAsync(context, "text/event-stream", DoneOnly);
                return;
            case 6:
                await WriteAsync(context, "text/event-stream", _head, BadUtf8);
                return;
            case 8:
                await WriteAsync(context, "application/json", Json);
                return;
            case 9:
                await WriteAsync(context, "text/event-stream", _huge);
                return;
            case 10:
                await WriteAsync(context, "text/event-stream", VllmError);
                return;
            default:
                await ReplayServer.StreamAsync(context, transcript.Body);
                return;
        }
    }

    private static async Task WriteAsync(HttpContext context, string contentType, params byte[][] parts)
    {
        context.Response.ContentType = contentType;
        foreach (var part in parts)
        {
            await context.Response.Body.WriteAsync(part, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}

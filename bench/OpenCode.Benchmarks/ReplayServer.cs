using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenCode.Benchmarks;

/// <summary>
/// An in-process Kestrel server on 127.0.0.1 (free port) that answers <c>POST /v1/chat/completions</c> by writing a preformatted
/// replay body in a few large writes, plus <c>GET /v1/models</c> and <c>GET /props</c> so provider initialization works.
/// </summary>
internal sealed class ReplayServer : IAsyncDisposable
{
    /// <summary>Size of each write of the streamed body; large so the server is not the bottleneck.</summary>
    private const int WriteSize = 1 << 20;

    private readonly WebApplication _app;

    private ReplayServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Gets the server root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <param name="transcript">The stream every chat request gets.</param>
    /// <param name="chat">Answers chat requests instead (the soak's faulty server); <see langword="null"/> replays <paramref name="transcript"/>.</param>
    public static async Task<ReplayServer> StartAsync(ReplayTranscript transcript, Func<HttpContext, Task>? chat = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/v1/models", (HttpContext context) => WriteJsonAsync(context, ReplayTranscript.ModelsJson));
        app.MapGet("/props", (HttpContext context) => WriteJsonAsync(context, ReplayTranscript.PropsJson));
        app.MapPost("/v1/chat/completions", chat ?? ((HttpContext context) => StreamAsync(context, transcript.Body)));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ReplayServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task WriteJsonAsync(HttpContext context, byte[] json)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted);
    }

    public static async Task StreamAsync(HttpContext context, byte[] body)
    {
        // Read the request like a real server would before answering.
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        for (var offset = 0; offset < body.Length; offset += WriteSize)
        {
            var length = Math.Min(WriteSize, body.Length - offset);
            await context.Response.Body.WriteAsync(body.AsMemory(offset, length), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}

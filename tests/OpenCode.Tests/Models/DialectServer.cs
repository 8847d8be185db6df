using System.Net;
using OpenCode.Client;
using OpenCode.Tests.Fakes;

namespace OpenCode.Tests.Models;

/// <summary>A scripted server answering GET/POST paths from a fixture; other paths get 404, or 200 with an error object when <c>lmStudioStyle</c>.</summary>
internal sealed class DialectServer
{
    public DialectServer(Dictionary<string, string> routes, bool lmStudioStyle = false)
    {
        Routes = routes;
        Handler = new ScriptedHandler((request, _, _) => Task.FromResult(
            Failures.TryGetValue(request.RequestUri!.AbsolutePath, out var failure) ? ScriptedHandler.Json(failure.Body, failure.Status)
            : Routes.TryGetValue(request.RequestUri!.AbsolutePath, out var body) ? ScriptedHandler.Json(body)
            : lmStudioStyle ? ScriptedHandler.Json($$"""{"error":"Unexpected endpoint or method. ({{request.Method}} {{request.RequestUri.AbsolutePath}})"}""")
            : ScriptedHandler.Json("""{"error":{"code":404,"message":"File Not Found","type":"not_found_error"}}""", HttpStatusCode.NotFound)));
    }

    public Dictionary<string, string> Routes { get; }

    /// <summary>Paths answered with an error status and body, ahead of <see cref="Routes"/>.</summary>
    public Dictionary<string, (HttpStatusCode Status, string Body)> Failures { get; } = [];

    public ScriptedHandler Handler { get; }

    public int Count(string path) => Handler.Requests.Count(r => r.Uri.AbsolutePath == path);

    public OpenCodeClient CreateClient() =>
        new(new OpenCodeClientOptions { Endpoint = new Uri("http://127.0.0.1:18082/v1") }, new HttpClient(Handler) { Timeout = Timeout.InfiniteTimeSpan });
}

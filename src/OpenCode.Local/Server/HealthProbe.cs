using System.Net;

namespace OpenCode.Local.Server;

/// <summary>Waits until a starting llama-server answers <c>GET /health</c> with 200 (it answers 503 while loading).</summary>
internal static class HealthProbe
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task WaitUntilHealthyAsync(
        HttpClient http,
        Uri baseAddress,
        LlamaServerProcess process,
        TimeSpan timeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var health = new Uri(baseAddress, "health");
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new OpenCodeException(
                        OpenCodeErrorCodes.LocalServerFailed,
                        $"llama-server exited with code {process.ExitCode} while starting. Its last output:\n{process.Tail}");
                }

                if (await IsHealthyAsync(http, health, linked.Token).ConfigureAwait(false))
                {
                    return;
                }

                await Task.WhenAny(Task.Delay(PollInterval, timeProvider, linked.Token), process.Exited).ConfigureAwait(false);
                linked.Token.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.LocalServerFailed,
                $"llama-server did not become healthy within {timeout.TotalMilliseconds:0} ms (localServer.startupTimeout). Its last output:\n{process.Tail}");
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient http, Uri health, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, health);
        request.Headers.ConnectionClose = true;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
    }
}

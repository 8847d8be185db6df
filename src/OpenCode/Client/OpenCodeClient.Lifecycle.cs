using System.Text.Json;

namespace OpenCode.Client;

internal sealed partial class OpenCodeClient
{
    /// <summary>
    /// Sends a JSON request to a path under the server root past the discovery cache (what is loaded changes from one moment to the next)
    /// and returns the answer; failures are classified as every request's (a lifecycle that knows its server's unknown-model answer
    /// turns it into MODEL_NOT_FOUND).
    /// </summary>
    internal async Task<JsonElement> SendJsonAsync(HttpMethod method, string relativePath, ReadOnlyMemory<byte>? body, string operation, CancellationToken cancellationToken)
    {
        var bytes = await FetchJsonBodyAsync(method, new Uri(_endpoints.Root, relativePath), body, OpenCodeErrorCodes.ModelInfoFailed, operation, cancellationToken)
            .ConfigureAwait(false);
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.Clone();
    }
}

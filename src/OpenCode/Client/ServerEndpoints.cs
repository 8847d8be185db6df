namespace OpenCode.Client;

/// <summary>The URLs of one server, worked out once from a base URL given with or without <c>/v1</c>.</summary>
internal sealed class ServerEndpoints
{
    public ServerEndpoints(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
        {
            throw new OpenCodeConfigurationException(
                $"apiEndpoint: '{baseAddress}' is not an absolute http or https URL.");
        }

        var path = baseAddress.AbsolutePath.TrimEnd('/');
        var rootPath = path.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        var authority = baseAddress.GetLeftPart(UriPartial.Authority);
        Root = new Uri(authority + rootPath + "/");
        Api = new Uri(Root, "v1/");
        ChatCompletions = new Uri(Api, "chat/completions");
        Completions = new Uri(Api, "completions");
        Models = new Uri(Api, "models");
        Embeddings = new Uri(Api, "embeddings");
        OllamaEmbed = new Uri(Root, "api/embed");
        Health = new Uri(Root, "health");
        Props = new Uri(Root, "props");
        Infill = new Uri(Root, "infill");
        Tokenize = new Uri(Root, "tokenize");
        AuthValidate = new Uri(Root, "auth/validate");
        UsageStats = new Uri(Root, "usage/stats");
    }

    /// <summary>Gets the server root, ending in <c>/</c> (no <c>/v1</c>).</summary>
    public Uri Root { get; }

    /// <summary>Gets the OpenAI-compatible API root, ending in <c>/v1/</c>.</summary>
    public Uri Api { get; }

    public Uri ChatCompletions { get; }

    public Uri Completions { get; }

    public Uri Models { get; }

    public Uri Embeddings { get; }

    /// <summary>Gets Ollama's native embeddings endpoint, <c>/api/embed</c> (exact token counts, several inputs per request).</summary>
    public Uri OllamaEmbed { get; }

    public Uri Health { get; }

    public Uri Props { get; }

    public Uri Infill { get; }

    public Uri Tokenize { get; }

    public Uri AuthValidate { get; }

    public Uri UsageStats { get; }

    public Uri Model(string id) => new(Api, "models/" + Uri.EscapeDataString(id));
}

using OpenCode.Local.Gguf;

namespace OpenCode.Local.Server;

/// <summary>
/// The llama-server flags that serve <c>/v1/embeddings</c> beside chat: <c>--embeddings</c>, and <c>--pooling mean</c> for a model whose
/// GGUF names no pooling (a generative model: llama-server would refuse its pooling 'none' as not OpenAI-compatible). A model that names
/// its pooling (an embedding model) keeps it.
/// </summary>
internal static class LlamaServerEmbeddings
{
    public static IReadOnlyList<string> Arguments(string modelPath) =>
        NamesPooling(modelPath) ? ["--embeddings"] : ["--embeddings", "--pooling", "mean"];

    private static bool NamesPooling(string modelPath)
    {
        try
        {
            var file = GgufReader.Read(modelPath);
            return file.TryGet("general.architecture") is { } architecture && file.TryGet($"{architecture.AsString()}.pooling_type") is not null;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or EndOfStreamException)
        {
            // llama-server reports a file it cannot load itself, with its own words.
            return false;
        }
    }
}

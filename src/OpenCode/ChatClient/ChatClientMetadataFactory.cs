using Microsoft.Extensions.AI;
using OpenCode.Provider;

namespace OpenCode.ChatClient;

/// <summary>
/// Describes a provider as <see cref="ChatClientMetadata"/>: known from the settings right after construction (the configured endpoint
/// and default model, or the model file's name in direct mode), and from what the server said once connected.
/// </summary>
internal static class ChatClientMetadataFactory
{
    public const string ProviderName = "opencode";

    public static ChatClientMetadata Describe(IAIProvider provider)
    {
        if (provider is not OpenCodeProvider opencode)
        {
            return new ChatClientMetadata(ProviderName);
        }

        var (options, connected) = opencode.Settings;
        if (connected is not null)
        {
            return new ChatClientMetadata(ProviderName, connected.Endpoint, connected.DefaultModel ?? ConfiguredModel(options));
        }

        var endpoint = Uri.TryCreate(options.ApiEndpoint, UriKind.Absolute, out var configured) ? configured : null;
        return new ChatClientMetadata(ProviderName, endpoint, ConfiguredModel(options));
    }

    /// <summary>The configured default model, or in direct mode the model file's name, which llama-server reports as the model id.</summary>
    private static string? ConfiguredModel(Configuration.OpenCodeOptions options) =>
        options.Models.DefaultModel is { Length: > 0 } model ? model
        : options.ModelPath is { Length: > 0 } path ? Path.GetFileNameWithoutExtension(path)
        : null;
}

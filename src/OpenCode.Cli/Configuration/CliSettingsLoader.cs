using Microsoft.Extensions.Configuration;
using OpenCode.Cli.Commands;
using OpenCode.Configuration;
using OpenCode.Local.TinyModels;

namespace OpenCode.Cli.Configuration;

/// <summary>
/// Resolves the settings: defaults &lt; config file (<c>--config</c>) &lt; <c>OPENCODE_*</c> environment variables &lt;
/// command-line options; with neither an endpoint nor a model file, the demo model in direct mode.
/// </summary>
internal static class CliSettingsLoader
{
    private static readonly string TimeoutKey = ConfigurationPath.Combine(OpenCodeOptions.SectionName, nameof(OpenCodeOptions.Timeout));

    public static async Task<CliSettings> LoadAsync(CommonArguments arguments, string environmentPrefix, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(arguments.Endpoint) && !string.IsNullOrEmpty(arguments.ModelPath))
        {
            throw new OpenCodeConfigurationException("--endpoint and --model-path were both given; use --endpoint URL for a server or --model-path FILE.gguf for a local model.");
        }

        var configuration = new ConfigurationBuilder()
            .AddOpenCodeConfiguration(arguments.ConfigPath, environmentPrefix)
            .Build();
        var options = configuration.GetOpenCodeOptions();
        Overlay(options, arguments);
        OpenCodeOptionsValidator.ValidateOrThrow(options);

        var isDemo = string.IsNullOrEmpty(options.ApiEndpoint) && string.IsNullOrEmpty(options.ModelPath) && options.Instances.Count == 0;
        if (isDemo)
        {
            options.ModelPath = await DemoModel.EnsureAsync(cancellationToken);
        }
        else if (string.IsNullOrEmpty(options.ApiEndpoint) && !string.IsNullOrEmpty(options.ModelPath) && !File.Exists(options.ModelPath))
        {
            throw new OpenCodeConfigurationException($"modelPath: the model file '{options.ModelPath}' does not exist.");
        }

        var isDirect = string.IsNullOrEmpty(options.ApiEndpoint) && (options.Instances.Count == 0 || !string.IsNullOrEmpty(options.ModelPath));
        if (isDirect)
        {
            // The CLI is where building llama-server on first use is wanted: the user asked for a local model and sees progress.
            options.LocalServer.BuildIfMissing = true;

            // A real model on a CPU can take minutes for one answer; the library's 30 s default suits servers, not that.
            if (configuration.GetSection(TimeoutKey).Value is null)
            {
                options.Timeout = CliSettings.DirectModeTimeout;
            }
        }

        return new CliSettings(options, isDirect, isDemo);
    }

    private static void Overlay(OpenCodeOptions options, CommonArguments arguments)
    {
        // A server or model named on the command line is the one to use, not the configured instances.
        if (!string.IsNullOrEmpty(arguments.Endpoint) || !string.IsNullOrEmpty(arguments.ModelPath))
        {
            options.Instances.Clear();
        }

        if (!string.IsNullOrEmpty(arguments.Endpoint))
        {
            options.ApiEndpoint = arguments.Endpoint;
        }

        if (!string.IsNullOrEmpty(arguments.ModelPath))
        {
            // A model file asked for on the command line wins over an endpoint from the file or the environment.
            options.ModelPath = Path.GetFullPath(arguments.ModelPath);
            options.ApiEndpoint = null;
        }

        if (!string.IsNullOrEmpty(arguments.ApiKey))
        {
            options.Auth.ApiKey = arguments.ApiKey;
        }

        if (!string.IsNullOrEmpty(arguments.Credential))
        {
            // A stored credential's kind decides how it is sent, so it takes the place of whatever credential the config names.
            options.Auth.Credential = arguments.Credential;
        }

        if (!string.IsNullOrEmpty(arguments.Model))
        {
            options.Models.DefaultModel = arguments.Model;
        }
    }
}

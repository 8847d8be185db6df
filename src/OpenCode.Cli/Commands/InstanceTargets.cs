using OpenCode.Cli.Credentials;
using OpenCode.Configuration;
using OpenCode.Local;
using OpenCode.Provider;

namespace OpenCode.Cli.Commands;

/// <summary>The servers a command covers: the session's one, or with <c>instances</c> configured one provider per instance.</summary>
internal static class InstanceTargets
{
    /// <summary>
    /// Returns the session's provider (name <see langword="null"/>; the session owns it), or one new provider per instance, named,
    /// sharing the session's stores; the caller disposes those.
    /// </summary>
    public static IEnumerable<(string? Name, OpenCodeProvider Provider)> For(CommandSession session)
    {
        var options = session.Settings.Options;
        if (options.Instances.Count == 0 || session.Settings.IsDirect)
        {
            yield return (null, session.Provider);
            yield break;
        }

        foreach (var instance in options.Instances)
        {
            yield return (instance.Name, new OpenCodeProvider(
                EndpointSettings.ForInstance(options, instance),
                httpClient: null,
                loggerFactory: null,
                timeProvider: null,
                stores: session.Provider.Stores,
                alerts: null,
                credentialStore: CredentialStoreLocation.Open(session.Context.EnvironmentPrefix))
            {
                EndpointName = instance.Name,
                LocalModels = LocalModelBackendFactory.Instance,

                // One attempt per instance, as the router makes: a command over every instance reports a down one at once.
                RetriesEnabled = false,
            });
        }
    }
}

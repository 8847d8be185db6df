namespace OpenCode.Cli.Commands;

/// <summary>The values of the <see cref="CommonOptions"/> on one command line.</summary>
internal sealed record CommonArguments(
    string? Endpoint,
    string? ModelPath,
    string? Model,
    string? ApiKey,
    string? ConfigPath,
    bool Json,
    bool Verbose)
{
    /// <summary>Gets the stored credential named with <c>--credential</c>.</summary>
    public string? Credential { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"CommonArguments {{ Endpoint = {Endpoint ?? "(none)"}, ModelPath = {ModelPath ?? "(none)"}, Model = {Model ?? "(none)"}, " +
        $"ApiKey = {(ApiKey is null ? "(none)" : "***")}, Credential = {Credential ?? "(none)"}, ConfigPath = {ConfigPath ?? "(none)"}, Json = {Json}, Verbose = {Verbose} }}";
}

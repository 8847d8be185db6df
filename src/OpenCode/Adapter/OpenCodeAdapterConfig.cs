namespace OpenCode;

/// <summary>The settings of an <see cref="ILlmPort"/> made by <see cref="OpenCodeAdapter.Create"/>.</summary>
public sealed class OpenCodeAdapterConfig
{
    /// <summary>Gets the server's base URL (with or without <c>/v1</c>); <see langword="null"/> with a <see cref="ModelPath"/> uses direct mode.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Gets the model used when a call names none.</summary>
    public string? DefaultModel { get; init; }

    /// <summary>Gets the temperature used when a call sets none.</summary>
    public float? DefaultTemperature { get; init; }

    /// <summary>Gets how long to wait for the first token of the answer (5 s to 300 s); a stream that keeps sending is not cut by it.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets a local GGUF model file (direct mode), run in this process by <see cref="LocalModels"/>.
    /// </summary>
    public string? ModelPath { get; init; }

    /// <summary>
    /// Gets what runs <see cref="ModelPath"/> (the OpenCode.Local package's <c>LocalModelBackendFactory.Instance</c>); required with
    /// <see cref="ModelPath"/>, whose adapter otherwise fails with <c>INVALID_CONFIGURATION</c>.
    /// </summary>
    public Local.ILocalModelBackendFactory? LocalModels { get; init; }

    /// <summary>Gets the API key; <see langword="null"/> sends none.</summary>
    public string? ApiKey { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"OpenCodeAdapterConfig {{ Endpoint = {Endpoint ?? "(direct mode)"}, DefaultModel = {DefaultModel}, ModelPath = {ModelPath}, ApiKey = {(ApiKey is null ? "(none)" : "***")} }}";
}

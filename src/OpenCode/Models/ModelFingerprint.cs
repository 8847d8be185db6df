namespace OpenCode.Models;

/// <summary>What identifies the weights behind a model id; when it changes, the model changed and its metadata is read again.</summary>
/// <param name="Digest">The digest (Ollama <c>digest</c>, TGI <c>model_sha</c>), when the server gives one.</param>
/// <param name="ModifiedAt">When the model was last modified (Ollama <c>modified_at</c>), as the server wrote it.</param>
/// <param name="SizeBytes">The model's size in bytes.</param>
/// <param name="ParameterCount">The number of parameters.</param>
internal sealed record ModelFingerprint(string? Digest, string? ModifiedAt, long? SizeBytes, long? ParameterCount);

namespace OpenCode;

/// <summary>The shape of answer a request asks for.</summary>
public enum ResponseFormatKind
{
    /// <summary>Free text (the default).</summary>
    Text,

    /// <summary>Any JSON object.</summary>
    Json,

    /// <summary>JSON that follows a schema.</summary>
    JsonSchema,
}

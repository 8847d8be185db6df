namespace OpenCode.Configuration;

/// <summary>One schema rule a config value breaks.</summary>
/// <param name="Instance">The JSON Pointer of the value in the document.</param>
/// <param name="Schema">The JSON Pointer of the (sub)schema that holds the rule.</param>
/// <param name="Keyword">The rule's keyword (<c>minimum</c>, <c>type</c>, <c>additionalProperties</c>, ...).</param>
/// <param name="Detail">JsonSchema.Net's own wording, for a rule the messages do not word themselves.</param>
internal sealed record SchemaError(string Instance, string Schema, string Keyword, string Detail);

namespace OpenCode.Local;

/// <summary>The llama.cpp source this project builds and tests against.</summary>
internal static class LlamaCppRelease
{
    /// <summary>The npm package version whose <c>llama/gitRelease.bundle</c> carries the source.</summary>
    public const string NodeLlamaCppVersion = "3.22.1";

    /// <summary>The llama.cpp commit in that bundle; cache folders are keyed by it.</summary>
    public const string Commit = "de3ff81";
}

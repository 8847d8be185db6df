using Microsoft.Extensions.Logging;

namespace OpenCode.Local.InProcess;

/// <summary>What the in-process backend logs.</summary>
internal static partial class LocalModelLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Loading model {Model} in process with a context of {ContextSize} tokens")]
    public static partial void Loading(ILogger logger, string model, int contextSize);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Unloaded in-process model {Model}")]
    public static partial void Unloaded(ILogger logger, string model);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "llama.cpp: {Text}")]
    public static partial void Native(ILogger logger, string text);
}

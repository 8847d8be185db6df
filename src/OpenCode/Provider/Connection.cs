using OpenCode.Limits;
using OpenCode.Pipeline;

namespace OpenCode.Provider;

/// <summary>A connected endpoint: its backend, what it serves, the pipeline in front of it, and how requests are planned and counted for it.</summary>
internal sealed record Connection(GenerationBackend Backend, BackendDescription Description, GenerationStage Pipeline, RequestPlanner Planner, TokenCounter Tokens);

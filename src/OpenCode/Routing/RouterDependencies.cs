using Microsoft.Extensions.Logging;
using OpenCode.Configuration;
using OpenCode.Storage;

namespace OpenCode.Routing;

/// <summary>What a router is built with besides its instances.</summary>
internal sealed record RouterDependencies(
    OpenCodeOptions Options, TimeProvider TimeProvider, Random Random, ILogger Logger, IResponseCacheStore? CacheStore, IInstanceHealthStore? HealthStore);

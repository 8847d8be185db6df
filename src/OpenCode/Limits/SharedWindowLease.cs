using System.Threading.RateLimiting;

namespace OpenCode.Limits;

/// <summary>A lease from a <see cref="SharedWindowRateLimiter"/>; permits of a fixed window are not given back, so disposing does nothing.</summary>
internal sealed class SharedWindowLease(bool isAcquired, DateTimeOffset resetsAt, TimeSpan? retryAfter, string? reason) : RateLimitLease
{
    public override bool IsAcquired { get; } = isAcquired;

    public override IEnumerable<string> MetadataNames
    {
        get
        {
            yield return SharedWindowRateLimiter.ResetsAtMetadata.Name;
            if (retryAfter is not null)
            {
                yield return MetadataName.RetryAfter.Name;
            }

            if (reason is not null)
            {
                yield return MetadataName.ReasonPhrase.Name;
            }
        }
    }

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = metadataName == SharedWindowRateLimiter.ResetsAtMetadata.Name ? resetsAt
            : metadataName == MetadataName.RetryAfter.Name ? retryAfter
            : metadataName == MetadataName.ReasonPhrase.Name ? reason
            : null;
        return metadata is not null;
    }
}

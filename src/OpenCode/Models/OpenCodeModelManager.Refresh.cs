using OpenCode.Models.Probes;

namespace OpenCode.Models;

internal sealed partial class OpenCodeModelManager
{
    /// <summary>Lists the models again now; models whose fingerprint is unchanged keep their metadata, new or changed ones are read again.</summary>
    /// <param name="cancellationToken">Cancels discovery.</param>
    /// <returns>The enabled models.</returns>
    public async Task<IReadOnlyList<DiscoveredModel>> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var start = _timeProvider.GetTimestamp();
            if (_snapshot is not null)
            {
                // A refresh asks the server again; only the first discovery shares what the client has just read.
                _client.Discovery.Clear();
            }

            var context = new ProbeContext(_client);
            var probe = await GetProbeAsync(context, cancellationToken).ConfigureAwait(false);
            var listings = _options.AutoDiscovery
                ? await probe.ListAsync(context, cancellationToken).ConfigureAwait(false)
                : ConfiguredListings();
            var previous = _snapshot?.Entries;
            var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
            var changed = new List<ModelChangedEventArgs>();
            var described = 0;
            foreach (var listing in listings.Where(l => IsEnabled(l.Id)))
            {
                Entry? known = null;
                if (previous?.TryGetValue(listing.Id, out known) == true && known.Listed == listing.Fingerprint)
                {
                    entries[listing.Id] = known;
                    continue;
                }

                var model = _options.AutoDiscovery
                    ? await probe.DescribeAsync(context, listing, cancellationToken).ConfigureAwait(false)
                    : await new OpenAiProbe().DescribeAsync(context, listing, cancellationToken).ConfigureAwait(false) with { Dialect = probe.Dialect };
                described++;
                entries[listing.Id] = new Entry(listing.Fingerprint, model);
                if (known is not null)
                {
                    ModelManagerLog.ModelChanged(_logger, listing.Id, _client.ServerRoot);
                    changed.Add(new ModelChangedEventArgs(known.Listed, model));
                }
            }

            var models = listings.Where(l => entries.ContainsKey(l.Id)).Select(l => entries[l.Id].Model).ToList();
            _snapshot = new Snapshot(_timeProvider.GetTimestamp(), entries, models);
            ModelManagerLog.Discovered(_logger, models.Count, _client.ServerRoot, described, models.Count - described, _timeProvider.GetElapsedTime(start).TotalMilliseconds);
            foreach (var change in changed)
            {
                ModelChanged?.Invoke(this, change);
            }

            return models;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task<IDialectProbe> GetProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        if (_probe is { } known)
        {
            return known;
        }

        if (_options.Dialect is { } configured && configured != ServerDialects.Auto)
        {
            _probe = Probes.First(p => p.Dialect == configured);
            ModelManagerLog.DialectChosen(_logger, _client.ServerRoot, _probe.Dialect, "models.dialect");
            return _probe;
        }

        foreach (var probe in Probes)
        {
            if (await probe.MatchesAsync(context, cancellationToken).ConfigureAwait(false))
            {
                ModelManagerLog.DialectChosen(_logger, _client.ServerRoot, probe.Dialect, "probed");
                return _probe = probe;
            }
        }

        throw new InvalidOperationException("The OpenAI probe matches every server.");
    }

    /// <summary>With <c>models.autoDiscovery</c> off: the configured models, known by name only.</summary>
    private IReadOnlyList<ModelListing> ConfiguredListings() =>
        [.. _options.EnabledModels.Append(_options.DefaultModel).OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal)
            .Select(id => new ModelListing(id, new ModelFingerprint(null, null, null, null), default))];

    private bool IsEnabled(string id) => _options.EnabledModels.Count == 0 || _options.EnabledModels.Contains(id, StringComparer.Ordinal);

    private sealed record Entry(ModelFingerprint Listed, DiscoveredModel Model);

    private sealed record Snapshot(long Taken, IReadOnlyDictionary<string, Entry> Entries, IReadOnlyList<DiscoveredModel> Models);
}

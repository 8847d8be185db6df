using System.Formats.Tar;
using System.IO.Compression;

namespace OpenCode.Local.Server;

/// <summary>The files the build takes from the llama.cpp source: the git bundle in the npm tarball, vocabularies and templates.</summary>
internal static class LlamaSourceFiles
{
    /// <summary>Takes <c>package/llama/gitRelease.bundle</c> out of the npm tarball in <paramref name="work"/>.</summary>
    public static async Task<string> ExtractBundleAsync(string work, CancellationToken cancellationToken)
    {
        const string entryName = "package/llama/gitRelease.bundle";
        string tarball = Path.Combine(work, $"node-llama-cpp-{LlamaCppRelease.NodeLlamaCppVersion}.tgz");
        string bundle = Path.Combine(work, "gitRelease.bundle");
        var file = File.OpenRead(tarball);
        await using (file.ConfigureAwait(false))
        {
            var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using (gzip.ConfigureAwait(false))
            {
                var reader = new TarReader(gzip);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                    {
                        if (entry.Name == entryName)
                        {
                            await entry.ExtractToFileAsync(bundle, overwrite: true, cancellationToken).ConfigureAwait(false);
                            return bundle;
                        }
                    }
                }
            }
        }

        throw new OpenCodeException(OpenCodeErrorCodes.LocalServerFailed, $"{Path.GetFileName(tarball)} holds no {entryName}.");
    }

    /// <summary>Caches the vocabulary GGUFs and chat templates of the source, keyed by the commit.</summary>
    public static void CopyResources(string source, string cacheRoot)
    {
        foreach (var (pattern, from, kind) in new[] { ("ggml-vocab-*.gguf", "models", "vocab"), ("*.jinja", Path.Combine("models", "templates"), "templates") })
        {
            string sourceDirectory = Path.Combine(source, from);
            if (!Directory.Exists(sourceDirectory))
            {
                continue;
            }

            string destination = Path.Combine(cacheRoot, kind, LlamaCppRelease.Commit);
            Directory.CreateDirectory(destination);
            foreach (string file in Directory.EnumerateFiles(sourceDirectory, pattern))
            {
                File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), overwrite: true);
            }
        }
    }
}

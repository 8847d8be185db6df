using System.Text;
using LLama;
using LLama.Native;

namespace OpenCode.Local.InProcess;

/// <summary>
/// One request's decoding: the prompt in batches, then one token at a time through the sampling chain until an end-of-generation token
/// or a stop sequence (finish reason <c>stop</c>), or the token limit or a full context (<c>length</c>). Cancellation is checked
/// between batches and between tokens, so it stops decoding within one step.
/// </summary>
internal sealed class Generation : IDisposable
{
    private readonly LoadedModel _model;
    private readonly SafeLLamaSamplerChainHandle _chain;
    private readonly StreamingTokenDecoder _decoder;
    private readonly StopSequenceFilter _stops;
    private readonly LLamaBatch _batch = new();
    private readonly int _maxTokens;
    private int _position;

    public Generation(LoadedModel model, SamplingSettings sampling, int? maxTokens, IReadOnlyList<string> stops)
    {
        _model = model;
        _chain = sampling.CreateChain();
        _decoder = new StreamingTokenDecoder(Encoding.UTF8, model.Model);
        _stops = new StopSequenceFilter(stops);
        _maxTokens = maxTokens ?? int.MaxValue;
    }

    public int PromptTokens { get; private set; }

    public int CompletionTokens { get; private set; }

    public FinishReason? Finish { get; private set; }

    public void DecodePrompt(LLamaToken[] tokens, CancellationToken cancellationToken)
    {
        var context = _model.Context;
        if (tokens.Length >= context.ContextSize)
        {
            throw new OpenCodeContextLengthException(
                $"The prompt has {tokens.Length} tokens but '{_model.Facts.Name}' runs with a context of {context.ContextSize} (localServer.contextSize).")
            {
                PromptTokens = tokens.Length,
                ContextWindow = (int)context.ContextSize,
            };
        }

        PromptTokens = tokens.Length;
        context.MemoryClear(true);
        int batchSize = (int)context.BatchSize;
        for (int start = 0; start < tokens.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batchSize, tokens.Length - start);
            _batch.Clear();
            _batch.AddRange(tokens.AsSpan(start, count), start, LLamaSeqId.Zero, start + count == tokens.Length);
            Decode();
        }

        foreach (var token in tokens.AsSpan(Math.Max(0, tokens.Length - 64)))
        {
            _chain.Accept(token);
        }

        _position = tokens.Length;
        if (_maxTokens <= 0)
        {
            Finish = FinishReason.Length;
        }
    }

    /// <summary>Generates one token; returns the text that may be handed on now (possibly empty), and sets <see cref="Finish"/> at the end.</summary>
    public string Next(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var token = _chain.Sample(_model.Context, -1);
        if (token.IsEndOfGeneration(_model.Vocabulary))
        {
            Finish = FinishReason.Stop;
            return _decoder.Read() + _stops.Flush();
        }

        CompletionTokens++;
        _decoder.Add(token);
        string text = _stops.Push(_decoder.Read());
        if (_stops.Stopped)
        {
            Finish = FinishReason.Stop;
            return text;
        }

        if (CompletionTokens >= _maxTokens || _position + 1 >= _model.Context.ContextSize)
        {
            Finish = FinishReason.Length;
            return text + _stops.Flush();
        }

        _batch.Clear();
        _batch.Add(token, _position++, LLamaSeqId.Zero, true);
        Decode();
        return text;
    }

    public void Dispose()
    {
        _chain.Dispose();
    }

    private void Decode()
    {
        var result = _model.Context.Decode(_batch);
        if (result != DecodeResult.Ok)
        {
            throw new OpenCodeException(OpenCodeErrorCodes.ServerError, $"llama.cpp could not decode a batch of '{_model.Facts.Name}': {result}.");
        }
    }
}

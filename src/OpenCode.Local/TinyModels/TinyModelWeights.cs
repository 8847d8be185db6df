namespace OpenCode.Local.TinyModels;

/// <summary>Makes the seeded random weight matrices of a tiny model (row-major, ggml layout: row length first).</summary>
/// <param name="random">The seeded source; the order of calls fixes the bytes.</param>
/// <param name="anchored">Whether hidden-state dimension 0 is held constant (see <see cref="TinyModelFactory"/>).</param>
internal sealed class TinyModelWeights(Random random, bool anchored)
{
    public static float[] Ones(int length) => Enumerable.Repeat(1f, length).ToArray();

    /// <summary>A matrix with values uniform in ±1/√rowLength.</summary>
    public float[] Matrix(int rowLength, int rows)
    {
        float scale = 1f / MathF.Sqrt(rowLength);
        var data = new float[(long)rowLength * rows];
        for (long i = 0; i < data.LongLength; i++)
        {
            data[i] = ((random.NextSingle() * 2) - 1) * scale;
        }

        return data;
    }

    /// <summary>Token embeddings; when anchored, dimension 0 is the same large value for every token.</summary>
    public float[] Embeddings(int embd, int vocabSize)
    {
        var data = Matrix(embd, vocabSize);
        if (anchored)
        {
            float anchor = 2 * MathF.Sqrt(embd);
            for (long row = 0; row < vocabSize; row++)
            {
                data[row * embd] = anchor;
            }
        }

        return data;
    }

    /// <summary>A matrix whose output is added to the hidden state; when anchored, its row for dimension 0 is zero.</summary>
    public float[] ResidualWriter(int rowLength, int rows)
    {
        var data = Matrix(rowLength, rows);
        if (anchored)
        {
            Array.Clear(data, 0, rowLength);
        }

        return data;
    }

    /// <summary>The output projection: rows of tokens that may not be emitted are zero; the rest weigh dimension 0 strongly.</summary>
    public float[] Output(int embd, int vocabSize, bool[]? emittable, float anchorWeight)
    {
        var data = Matrix(embd, vocabSize);
        if (emittable is null)
        {
            return data;
        }

        for (int token = 0; token < vocabSize; token++)
        {
            var row = data.AsSpan(token * embd, embd);
            if (emittable[token])
            {
                row[0] = anchorWeight;
            }
            else
            {
                row.Clear();
            }
        }

        return data;
    }
}

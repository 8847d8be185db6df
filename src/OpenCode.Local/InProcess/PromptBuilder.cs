using LLama.Native;
using OpenCode.Pipeline;

namespace OpenCode.Local.InProcess;

/// <summary>Turns a request into prompt tokens: chat through the model's template, a completion as it is, infill with the model's FIM tokens.</summary>
internal static class PromptBuilder
{
    public static LLamaToken[] Build(LoadedModel model, GenerationRequest request)
    {
        bool bos = model.Vocabulary.ShouldAddBOS;
        return request.Kind switch
        {
            GenerationKind.Chat => model.Tokenize(NativeChatTemplate.Apply(model.Facts, request.Request.Messages), bos, special: true),
            GenerationKind.Infill => Infill(model, request.Infill!, bos),
            _ => model.Tokenize(request.Prompt ?? request.Request.Prompt ?? string.Empty, bos, special: false),
        };
    }

    /// <summary>llama-server's prefix-suffix-middle layout: extra files first (each after the file-separator token), then the hole.</summary>
    private static LLamaToken[] Infill(LoadedModel model, InfillRequest infill, bool bos)
    {
        var vocabulary = model.Vocabulary;
        if (vocabulary.InfillPrefix is not { } prefix || vocabulary.InfillSuffix is not { } suffix || vocabulary.InfillMiddle is not { } middle)
        {
            throw new OpenCodeException(
                OpenCodeErrorCodes.CapabilityNotSupported, $"Model '{model.Facts.Name}' cannot fill in the middle: its vocabulary has no fill-in-the-middle tokens.");
        }

        var tokens = new List<LLamaToken>();
        if (bos && vocabulary.BOS is { } begin)
        {
            tokens.Add(begin);
        }

        string leading = string.Empty;
        foreach (var file in infill.ExtraFiles)
        {
            if (vocabulary.InfillSep is { } separator)
            {
                tokens.Add(separator);
                tokens.AddRange(model.Tokenize($"{file.FileName}\n{file.Text}", false, special: false));
            }
            else
            {
                leading += $"{file.FileName}\n{file.Text}\n";
            }
        }

        tokens.Add(prefix);
        tokens.AddRange(model.Tokenize(leading + infill.Prefix, false, special: false));
        tokens.Add(suffix);
        tokens.AddRange(model.Tokenize(infill.Suffix, false, special: false));
        tokens.Add(middle);
        return [.. tokens];
    }
}

using OpenCode.Families;

namespace OpenCode.Tests.Families;

public sealed class ModelFamilyDetectorTests
{
    [Theory]
    [InlineData("codellama/CodeLlama-7b-hf", "codellama")]
    [InlineData("codellama:13b-code", "codellama")]
    [InlineData("bigcode/starcoder2-15b", "starcoder")]
    [InlineData("starcoder", "starcoder")]
    [InlineData("Qwen/CodeQwen1.5-7B", "starcoder")]
    [InlineData("WizardLMTeam/WizardCoder-15B-V1.0", "wizardcoder")]
    [InlineData("deepseek-ai/deepseek-coder-6.7b-base", "deepseek-coder")]
    [InlineData("deepseek-coder-1.3b-instruct.Q4_K_M.gguf", "deepseek-coder")]
    [InlineData("Qwen/Qwen2.5-Coder-7B", "qwen2.5-coder")]
    [InlineData("qwen2.5-coder:1.5b-base", "qwen2.5-coder")]
    [InlineData("google/codegemma-2b", "codegemma")]
    [InlineData("mistralai/Codestral-22B-v0.1", "codestral")]
    [InlineData("mistralai/Mistral-7B-Instruct-v0.3", "mistral")]
    [InlineData("meta-llama/Llama-3.1-8B", "llama")]
    public void FromName_KnownModelIds_GivesTheirFamily(string name, string family)
    {
        ModelFamilyDetector.FromName(name).ShouldNotBeNull().Id.ShouldBe(family);
    }

    [Theory]
    [InlineData("my-model")]
    [InlineData("gpt-4o")]
    [InlineData("")]
    public void Detect_NothingRecognisable_IsUnknown(string id)
    {
        var family = ModelFamilyDetector.Detect(new ModelFamilyHints { Id = id });

        family.ShouldBeSameAs(ModelFamily.Unknown);
        family.IsKnown.ShouldBeFalse();
    }

    [Fact]
    public void Detect_FineTuneWithBaseModel_InheritsTheBaseFamily()
    {
        var family = ModelFamilyDetector.Detect(new ModelFamilyHints { Id = "acme-sql-helper", BaseModel = "deepseek-ai/deepseek-coder-6.7b-base" });

        family.ShouldBeSameAs(ModelFamily.DeepSeekCoder);
    }

    [Fact]
    public void Detect_ModelNameBeforeIdBeforeArchitecture()
    {
        ModelFamilyDetector.Detect(new ModelFamilyHints { Id = "llama-served", ModelName = "starcoder2-3b" }).ShouldBeSameAs(ModelFamily.StarCoder);
        ModelFamilyDetector.Detect(new ModelFamilyHints { Id = "custom", Architecture = "starcoder2" }).ShouldBeSameAs(ModelFamily.StarCoder);
        ModelFamilyDetector.Detect(new ModelFamilyHints { Id = "codegemma-7b", Architecture = "gemma" }).ShouldBeSameAs(ModelFamily.CodeGemma);
    }

    [Theory]
    [InlineData("codellama-7b-instruct", "llama-2-7b.Q4_K_M", "codellama", "llama")]
    [InlineData("wizardcoder-15b-v1.0", "starcoder-15b.Q4_0", "wizardcoder", "starcoder")]
    [InlineData("llama-served", "codellama-13b-instruct", "codellama", "llama")]
    [InlineData("mistral-7b", "codestral-22b", "codestral", "mistral")]
    public void Detect_SourcesNamingDifferentFamilies_MostSpecificWinsAndTheOtherIsTheBase(string id, string modelName, string family, string baseFamily)
    {
        var hints = new ModelFamilyHints { Id = id, ModelName = modelName };

        ModelFamilyDetector.Detect(hints).Id.ShouldBe(family);
        ModelFamilyDetector.DetectBase(hints)!.Id.ShouldBe(baseFamily);
    }

    [Fact]
    public void Detect_FineTuneIdOverItsBaseModel_KeepsItsOwnFamilyAndRecordsTheBase()
    {
        var hints = new ModelFamilyHints { Id = "WizardCoder-Python-34B-V1.0", BaseModel = "codellama/CodeLlama-34b-Python-hf" };

        ModelFamilyDetector.Detect(hints).ShouldBeSameAs(ModelFamily.WizardCoder);
        ModelFamilyDetector.DetectBase(hints).ShouldBeSameAs(ModelFamily.CodeLlama);
    }

    [Fact]
    public void DetectBase_OneFamilyOrEquallySpecificOnes_IsNull()
    {
        ModelFamilyDetector.DetectBase(new ModelFamilyHints { Id = "deepseek-coder-6.7b", ModelName = "deepseek-coder-6.7b-base" }).ShouldBeNull();
        ModelFamilyDetector.DetectBase(new ModelFamilyHints { Id = "deepseek-coder-6.7b", ModelName = "qwen2.5-coder-7b" }).ShouldBeNull();
        ModelFamilyDetector.Detect(new ModelFamilyHints { Id = "deepseek-coder-6.7b", ModelName = "qwen2.5-coder-7b" }).ShouldBeSameAs(ModelFamily.QwenCoder);
    }

    [Fact]
    public void FromVocabulary_DeepSeekTokens_GivesDeepSeekCoder()
    {
        HashSet<string> tokens = ["<｜fim▁begin｜>", "<｜fim▁hole｜>", "<｜fim▁end｜>"];

        ModelFamilyDetector.FromVocabulary(tokens.Contains).ShouldBeSameAs(ModelFamily.DeepSeekCoder);
    }

    [Fact]
    public void FromVocabulary_SharedTokens_KeepsTheFamilyFoundByName()
    {
        HashSet<string> qwenTokens = ["<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>"];
        HashSet<string> starTokens = ["<fim_prefix>", "<fim_suffix>", "<fim_middle>"];

        ModelFamilyDetector.FromVocabulary(qwenTokens.Contains).ShouldBeSameAs(ModelFamily.QwenCoder);
        ModelFamilyDetector.FromVocabulary(qwenTokens.Contains, ModelFamily.CodeGemma).ShouldBeSameAs(ModelFamily.CodeGemma);
        ModelFamilyDetector.FromVocabulary(starTokens.Contains, ModelFamily.WizardCoder).ShouldBeSameAs(ModelFamily.WizardCoder);
        ModelFamilyDetector.FromVocabulary(starTokens.Contains).ShouldBeSameAs(ModelFamily.StarCoder);
    }

    [Fact]
    public void FromVocabulary_PartialOrNoFimTokens_IsNull()
    {
        HashSet<string> partial = ["<PRE>", "<SUF>"];

        ModelFamilyDetector.FromVocabulary(partial.Contains).ShouldBeNull();
        ModelFamilyDetector.FromVocabulary(_ => false).ShouldBeNull();
    }

    [Fact]
    public void VocabularyProbeTokens_CoverEveryFimFormatOnce()
    {
        ModelFamilyDetector.VocabularyProbeTokens.ShouldBeUnique();
        foreach (var family in ModelFamily.All.Where(f => f.Fim is not null))
        {
            ModelFamilyDetector.VocabularyProbeTokens.ShouldContain(family.Fim!.PrefixToken);
        }
    }
}

using OpenCode.Families;

namespace OpenCode.Tests.Families;

public sealed class FimTemplateTests
{
    public static TheoryData<string, string> Prompts => new()
    {
        { "starcoder", "<fim_prefix>def f(x):\n    <fim_suffix>\n    return y<fim_middle>" },
        { "codellama", "<PRE> def f(x):\n     <SUF>\n    return y <MID>" },
        { "deepseek-coder", "<｜fim▁begin｜>def f(x):\n    <｜fim▁hole｜>\n    return y<｜fim▁end｜>" },
        { "qwen2.5-coder", "<|fim_prefix|>def f(x):\n    <|fim_suffix|>\n    return y<|fim_middle|>" },
        { "codegemma", "<|fim_prefix|>def f(x):\n    <|fim_suffix|>\n    return y<|fim_middle|>" },
        { "codestral", "[SUFFIX]\n    return y[PREFIX]def f(x):\n    " },
        { "wizardcoder", "<fim_prefix>def f(x):\n    <fim_suffix>\n    return y<fim_middle>" },
    };

    [Theory]
    [MemberData(nameof(Prompts))]
    public void Format_EachFamily_MatchesItsModelCard(string family, string expected)
    {
        var template = ModelFamily.FromId(family).ShouldNotBeNull().Fim.ShouldNotBeNull();

        template.Format("def f(x):\n    ", "\n    return y").ShouldBe(expected);
    }

    [Fact]
    public void Format_QwenCoderWithOtherFiles_UsesTheRepositoryLevelFormat()
    {
        var template = ModelFamily.QwenCoder.Fim.ShouldNotBeNull();

        var prompt = template.Format("def f(x):\n    ", "\n    return y", [new InfillFile("util.py", "def g(): pass"), new InfillFile("b.py", "X = 1")]);

        prompt.ShouldBe(
            "<|repo_name|>workspace\n<|file_sep|>util.py\ndef g(): pass\n<|file_sep|>b.py\nX = 1\n<|file_sep|>\n" +
            "<|fim_prefix|>def f(x):\n    <|fim_suffix|>\n    return y<|fim_middle|>");
    }

    [Theory]
    [InlineData("starcoder")]
    [InlineData("codellama")]
    [InlineData("deepseek-coder")]
    [InlineData("codestral")]
    public void Format_FamilyWithoutRepositoryFormat_LeavesOtherFilesOut(string family)
    {
        var template = ModelFamily.FromId(family).ShouldNotBeNull().Fim.ShouldNotBeNull();

        template.Format("a", "b", [new InfillFile("util.py", "UNIQUE_CONTEXT")]).ShouldBe(template.Format("a", "b"));
    }

    [Theory]
    [InlineData("starcoder", "<file_sep>")]
    [InlineData("codellama", "<EOT>")]
    [InlineData("deepseek-coder", "<｜end▁of▁sentence｜>")]
    [InlineData("qwen2.5-coder", "<|im_end|>")]
    [InlineData("codegemma", "<|file_separator|>")]
    [InlineData("codestral", "[PREFIX]")]
    public void StopTokens_EachFamily_IncludeTheEndTokensOfTheTable(string family, string stop)
    {
        ModelFamily.FromId(family)!.Fim!.StopTokens.ShouldContain(stop);
    }

    [Theory]
    [InlineData("llama")]
    [InlineData("mistral")]
    [InlineData("unknown")]
    public void Fim_GeneralFamilies_IsNull(string family)
    {
        (ModelFamily.FromId(family) ?? ModelFamily.Unknown).Fim.ShouldBeNull();
    }

    [Fact]
    public void Alpaca_Render_WritesInstructionAndResponseHeaders()
    {
        var prompt = ModelFamily.WizardCoder.InstructionFormat!.Render([Message.System("Be brief."), Message.User("Reverse a string.")]);

        prompt.ShouldStartWith("Below is an instruction that describes a task.");
        prompt.ShouldContain("### Instruction:\nBe brief.\n\n### Instruction:\nReverse a string.\n\n");
        prompt.ShouldEndWith("### Response:\n");
    }
}

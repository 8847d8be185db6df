namespace OpenCode.Local.TinyModels;

/// <summary>Which fill-in-the-middle tokens a built-in tiny-model vocabulary carries.</summary>
public enum FimTokenStyle
{
    /// <summary>No FIM tokens: the server answers <c>/infill</c> with 501.</summary>
    None,

    /// <summary>StarCoder's <c>&lt;fim_prefix&gt;</c>, <c>&lt;fim_suffix&gt;</c>, <c>&lt;fim_middle&gt;</c>, <c>&lt;fim_pad&gt;</c>, <c>&lt;repo_name&gt;</c>, <c>&lt;file_sep&gt;</c>; all six FIM ids are set.</summary>
    StarCoder,

    /// <summary>CodeLlama's <c>&lt;PRE&gt;</c>, <c>&lt;SUF&gt;</c>, <c>&lt;MID&gt;</c> and <c>&lt;EOT&gt;</c>; the prefix, suffix and middle ids are set.</summary>
    CodeLlama,
}

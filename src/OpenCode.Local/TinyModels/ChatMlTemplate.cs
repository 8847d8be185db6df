namespace OpenCode.Local.TinyModels;

/// <summary>The plain ChatML Jinja template tiny models carry when their vocabulary brings none.</summary>
internal static class ChatMlTemplate
{
    public const string Text =
        "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
        + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
}

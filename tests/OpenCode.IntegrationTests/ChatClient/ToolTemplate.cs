namespace OpenCode.IntegrationTests.ChatClient;

/// <summary>
/// A ChatML chat template that renders tools and tool calls the way Qwen2.5's does (Hermes-style <c>&lt;tool_call&gt;</c> tags), so a tiny
/// model made with it is one llama-server <c>--jinja</c> reports as supporting tools.
/// </summary>
internal static class ToolTemplate
{
    public const string Text = """
        {%- if tools %}<|im_start|>system
        {% if messages[0]['role'] == 'system' %}{{ messages[0]['content'] }}{% else %}You are a helpful assistant.{% endif %}

        # Tools

        You are provided with function signatures within <tools></tools> XML tags:
        <tools>{% for tool in tools %}
        {{ tool | tojson }}{% endfor %}
        </tools>

        For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:
        <tool_call>
        {"name": <function-name>, "arguments": <args-json-object>}
        </tool_call><|im_end|>
        {% elif messages[0]['role'] == 'system' %}<|im_start|>system
        {{ messages[0]['content'] }}<|im_end|>
        {% endif %}
        {%- for message in messages %}
        {%- if message.role == 'user' or (message.role == 'system' and not loop.first) or (message.role == 'assistant' and not message.tool_calls) %}<|im_start|>{{ message.role }}
        {{ message.content }}<|im_end|>
        {% elif message.role == 'assistant' %}<|im_start|>assistant{% if message.content %}
        {{ message.content }}{% endif %}
        {%- for tool_call in message.tool_calls %}{% if tool_call.function is defined %}{% set tool_call = tool_call.function %}{% endif %}
        <tool_call>
        {"name": "{{ tool_call.name }}", "arguments": {{ tool_call.arguments | tojson }}}
        </tool_call>{% endfor %}<|im_end|>
        {% elif message.role == 'tool' %}<|im_start|>user
        <tool_response>
        {{ message.content }}
        </tool_response><|im_end|>
        {% endif %}
        {%- endfor %}
        {%- if add_generation_prompt %}<|im_start|>assistant
        {% endif %}
        """;
}

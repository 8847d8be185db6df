using System.Runtime.InteropServices;
using System.Text;
using LLama.Native;

namespace OpenCode.Local.InProcess;

/// <summary>
/// Renders messages with the model's own chat template through llama.cpp's <c>llama_chat_apply_template</c>, which knows the common
/// templates by their text. A template it does not know needs a Jinja engine: that is a typed error saying so, not a guessed prompt.
/// </summary>
internal static class NativeChatTemplate
{
    public static unsafe string Apply(ModelFacts facts, IReadOnlyList<Message> messages)
    {
        var allocations = new List<IntPtr>(messages.Count * 2 + 1);
        try
        {
            byte* template = facts.ChatTemplate is { } text ? Utf8(text, allocations) : null;
            var chat = new LLamaChatMessage[messages.Count];
            for (int i = 0; i < messages.Count; i++)
            {
                chat[i].role = Utf8(Role(messages[i].Role), allocations);
                chat[i].content = Utf8(messages[i].Content, allocations);
            }

            int capacity = Math.Max(256, messages.Sum(m => Encoding.UTF8.GetByteCount(m.Content)) * 2 + 256);
            while (true)
            {
                var buffer = new byte[capacity];
                int length;
                fixed (LLamaChatMessage* chatPointer = chat)
                fixed (byte* bufferPointer = buffer)
                {
                    length = NativeApi.llama_chat_apply_template(template, chatPointer, (nuint)chat.Length, true, bufferPointer, buffer.Length);
                }

                if (length < 0)
                {
                    throw new OpenCodeException(
                        OpenCodeErrorCodes.CapabilityNotSupported,
                        $"The chat template of '{facts.Name}' needs a Jinja engine, which running in this process lacks: send a plain completion (a prompt), " +
                        "or set localServer.mode to 'server' (llama-server renders it with --jinja).");
                }

                if (length <= buffer.Length)
                {
                    return Encoding.UTF8.GetString(buffer, 0, length);
                }

                capacity = length;
            }
        }
        finally
        {
            foreach (var pointer in allocations)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    private static string Role(MessageRole role) => role switch
    {
        MessageRole.System => "system",
        MessageRole.Assistant => "assistant",
        MessageRole.Tool => "tool",
        _ => "user",
    };

    private static unsafe byte* Utf8(string text, List<IntPtr> allocations)
    {
        var pointer = Marshal.StringToCoTaskMemUTF8(text);
        allocations.Add(pointer);
        return (byte*)pointer;
    }
}

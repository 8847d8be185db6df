namespace OpenCode.Local.Gguf;

/// <summary>The ggml tensor types this code writes (ggml's type codes); the reader keeps any code it meets.</summary>
internal enum GgufTensorType : uint
{
    F32 = 0,
    F16 = 1,
}

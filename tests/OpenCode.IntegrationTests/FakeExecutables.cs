namespace OpenCode.IntegrationTests;

/// <summary>Writes small shell scripts that stand in for real programs (llama-server, npm, git, cmake) in tests.</summary>
internal static class FakeExecutables
{
    public static string Write(string directory, string name, string script)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, "#!/bin/sh\n" + script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    public static void SkipOnWindows()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Fake executables are POSIX shell scripts.");
    }
}

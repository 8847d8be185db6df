using System.Text;

namespace OpenCode.Cli.Credentials;

/// <summary>Reads a secret from standard input: all of it when piped, one hidden line when typed at a terminal.</summary>
internal static class SecretReader
{
    public static async Task<string> ReadAsync(CliContext context, string prompt, CancellationToken cancellationToken)
    {
        if (!context.InIsTerminal)
        {
            // Piped: the whole input (a PEM key spans lines); the newline an echo or a file ends with is not part of the secret.
            return (await context.In.ReadToEndAsync(cancellationToken)).Trim();
        }

        await context.Error.WriteAsync(prompt);
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                secret.Length = Math.Max(0, secret.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }

        await context.Error.WriteLineAsync();
        return secret.ToString().Trim();
    }
}

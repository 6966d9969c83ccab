using System.Diagnostics;
using Codex.Plugins.Diagnostics;

namespace Codex.Plugins.Plugins.Lifecycle;

/// <summary>
/// Runs the tool that fetches a plugin source (git, npm) as codex plugin add runs it: no input, both streams read, a
/// time limit after which the whole process tree is killed, and a failure told with the tool's own words, masked.
/// </summary>
internal static class PluginSourceCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static void Run(string tool, IReadOnlyList<string> arguments, string? workingDirectory, IReadOnlyDictionary<string, string> environment, Func<string, Exception?, CodexIssueException> failed)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        string command = $"{tool} {string.Join(' ', arguments)}";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw failed($"{tool} cannot be started ({ex.Message}); codex plugin add needs it for this source too.", ex);
        }

        using (process)
        {
            process.StandardInput.Close();
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw failed($"{command} did not finish within {Timeout.TotalMinutes:0} minutes.", null);
            }

            if (process.ExitCode != 0)
            {
                string detail = string.Join(' ', new[] { error.Result, output.Result }.Select(s => s.Trim()).Where(s => s.Length > 0));
                throw failed($"{command} failed with exit code {process.ExitCode}: {Masking.SecretText.Mask(detail)}", null);
            }
        }
    }
}

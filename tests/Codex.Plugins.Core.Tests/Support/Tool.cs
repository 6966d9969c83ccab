using System.Diagnostics;

namespace Codex.Plugins.Tests.Support;

/// <summary>Runs a system tool a test needs (id, chown, stat, mkfifo, ...) and waits for it.</summary>
public static class Tool
{
    /// <summary>The tool's standard output; its errors are read and dropped, so a chatty tool never blocks.</summary>
    public static string Run(string file, params string[] args)
    {
        using Process p = Start(file, args);
        Task<string> errors = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        errors.Wait();
        return output;
    }

    /// <summary>The tool's exit code.</summary>
    public static int RunCode(string file, params string[] args)
    {
        using Process p = Start(file, args);
        Task<string> output = p.StandardOutput.ReadToEndAsync();
        Task<string> errors = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        Task.WaitAll(output, errors);
        return p.ExitCode;
    }

    private static Process Start(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi)!;
    }
}

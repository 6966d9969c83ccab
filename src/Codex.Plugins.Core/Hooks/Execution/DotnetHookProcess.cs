using System.ComponentModel;
using System.Diagnostics;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// A hook shell started by System.Diagnostics.Process (Windows, macOS): each output pipe is drained on a thread of its
/// own, not on the thread pool, so a busy machine does not add scheduling delays to every hook run; a payload larger
/// than the pipe holds is written on a third.
/// </summary>
internal sealed class DotnetHookProcess : IHookProcess
{
    /// <summary>What a Linux pipe buffers by default: a payload this small is written before the hook reads it.</summary>
    internal const int PipeBufferBytes = 64 * 1024;

    private readonly Process process;
    private readonly Thread stdoutReader;
    private readonly Thread stderrReader;
    private readonly Thread? writer;

    private DotnetHookProcess(Process process, byte[] stdin, HookOutputCapture stdout, HookOutputCapture stderr)
    {
        this.process = process;
        stdoutReader = Drain(process.StandardOutput.BaseStream, stdout);
        stderrReader = Drain(process.StandardError.BaseStream, stderr);
        Stream input = process.StandardInput.BaseStream;
        if (stdin.Length <= PipeBufferBytes)
        {
            // Fits the pipe buffer: written at once, whether or not the hook reads it, as Codex writes it.
            StdinError = WriteStdin(input, stdin);
        }
        else
        {
            writer = new Thread(() => StdinError = WriteStdin(input, stdin)) { IsBackground = true, Name = "hook stdin" };
            writer.Start();
        }
    }

    public int Id => process.Id;

    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    public string? StdinError { get; private set; }

    public static DotnetHookProcess Start(string program, IReadOnlyList<string> argv, string cwd, IReadOnlyDictionary<string, string> environment, byte[] stdin,
        HookOutputCapture stdout, HookOutputCapture stderr, HookContainment containment)
    {
        (program, argv) = containment.Wrap(program, argv, sessionMade: false);
        var psi = new ProcessStartInfo
        {
            FileName = program,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = cwd,
        };
        foreach (string a in argv.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        try
        {
            return new DotnetHookProcess(Process.Start(psi) ?? throw new Win32Exception("the process did not start"), stdin, stdout, stderr);
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            throw new HookStartException(ex.Message, ex);
        }
    }

    public bool Finish(Stopwatch watch, TimeSpan timeout, CancellationToken cancel) =>
        WaitAll(watch, timeout, cancel, stdoutReader, stderrReader, writer) && process.WaitForExit(HookProcessStarter.Remaining(watch, timeout));

    public bool DrainOutputs(TimeSpan grace) => stdoutReader.Join(grace) && stderrReader.Join(grace);

    public void KillStrays()
    {
        HookProcessTree.KillTree(process.Id);
        var descriptors = new List<nint>();
        foreach (Stream stream in new[] { process.StandardOutput.BaseStream, process.StandardError.BaseStream })
        {
            try
            {
                if (stream is System.IO.Pipes.PipeStream pipe)
                {
                    descriptors.Add(pipe.SafePipeHandle.DangerousGetHandle());
                }
            }
            catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
            {
            }
        }

        HookProcessTree.KillPipeHolders(descriptors);
    }

    public void Dispose() => process.Dispose();

    /// <summary>Waits for the threads until the timeout, in slices so that a stop request (Ctrl+C) is seen.</summary>
    private static bool WaitAll(Stopwatch watch, TimeSpan timeout, CancellationToken cancel, params Thread?[] threads)
    {
        foreach (Thread? thread in threads)
        {
            while (thread is not null)
            {
                if (cancel.IsCancellationRequested)
                {
                    return false;
                }

                TimeSpan left = HookProcessStarter.Remaining(watch, timeout);
                TimeSpan slice = left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250);
                if (thread.Join(slice))
                {
                    break;
                }

                if (left <= slice)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static Thread Drain(Stream stream, HookOutputCapture capture)
    {
        var thread = new Thread(() =>
        {
            byte[] buffer = new byte[81920];
            try
            {
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    capture.Accept(buffer, read);
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
            }
        }) { IsBackground = true, Name = "hook output" };
        thread.Start();
        return thread;
    }

    private static string? WriteStdin(Stream input, byte[] stdin)
    {
        try
        {
            input.Write(stdin);
            input.Flush();
            return null;
        }
        catch (IOException ex) when (stdin.Length > PipeBufferBytes)
        {
            // The hook stopped reading a payload larger than the pipe holds: Codex fails the run with this error.
            return $"failed to write hook stdin: {ex.Message}";
        }
        catch (IOException)
        {
            // A hook that exits without reading a small payload: Codex, writing right after the spawn, puts the
            // payload in the pipe buffer before the hook is gone, and the run counts as the hook's own exit.
            // Starting a process from .NET takes longer, so the pipe may already be closed here; same outcome.
            return null;
        }
        finally
        {
            try
            {
                input.Close();
            }
            catch (IOException)
            {
            }
        }
    }
}

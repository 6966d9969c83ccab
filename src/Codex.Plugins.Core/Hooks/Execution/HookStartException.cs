namespace Codex.Plugins.Hooks.Execution;

/// <summary>The hook's shell could not be started.</summary>
internal sealed class HookStartException : Exception
{
    public HookStartException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

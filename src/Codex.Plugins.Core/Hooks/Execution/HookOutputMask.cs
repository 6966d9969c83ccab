using Codex.Plugins.Masking;

namespace Codex.Plugins.Hooks.Execution;

/// <summary>
/// Masks credentials in a hook's stdout and stderr before they are shown or logged. A hook under test can print
/// anything; what comes out of the harness never carries the secret itself. The detectors are the masking engine's.
/// </summary>
public static class HookOutputMask
{
    public static string Apply(string text) => SecretText.Mask(text);
}

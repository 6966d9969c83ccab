using Codex.Plugins.Configuration;

namespace Codex.Plugins.Skills;

/// <summary>
/// The context window Codex 0.169.0 computes the skill budget from. Observed with codex debug prompt-input (the
/// reference says 8,000 characters when the window is unknown; the binary always knows one):
/// - without model_context_window, 272,000 tokens, for its default model and for a model it does not know;
/// - model_context_window is used up to 872,000 (the default model's maximum): 850,000 gives 17,000 tokens, while
///   900,000, 1,000,000 and 5,000,000 all give 17,440.
/// </summary>
public static class SkillContextWindow
{
    public const long CodexDefault = 272_000;
    public const long CodexDefaultMaximum = 872_000;

    /// <summary>The window and where it came from: Parameter (0 = unknown), Config or Default.</summary>
    public static (long? Window, string Source) Resolve(ConfigStack stack, long? parameter)
    {
        if (parameter is { } given)
        {
            return (given == 0 ? null : given, "Parameter");
        }

        if (stack.Get("model_context_window") is TomlValueNode { Value: long configured } && configured > 0)
        {
            return (Math.Min(configured, CodexDefaultMaximum), configured > CodexDefaultMaximum ? "Config (capped)" : "Config");
        }

        return (CodexDefault, "Default");
    }
}

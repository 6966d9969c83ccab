namespace Codex.Plugins;

/// <summary>Tokens as codex counts them (token_count.total_token_usage).</summary>
public sealed class CodexTokenUsage
{
    public long Input { get; set; }

    public long CachedInput { get; set; }

    public long Output { get; set; }

    public long ReasoningOutput { get; set; }

    public long Total { get; set; }

    public void Add(CodexTokenUsage other)
    {
        Input += other.Input;
        CachedInput += other.CachedInput;
        Output += other.Output;
        ReasoningOutput += other.ReasoningOutput;
        Total += other.Total;
    }

    public override string ToString() => Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

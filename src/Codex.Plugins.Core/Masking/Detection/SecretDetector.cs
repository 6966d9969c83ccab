using System.Text.RegularExpressions;

namespace Codex.Plugins.Masking.Detection;

/// <summary>
/// One kind of secret as data: an id, the kind it reports, the keywords that must occur before its pattern runs (a cheap
/// case-insensitive substring check), the pattern (group <c>secret</c> is what gets masked; without it the whole match),
/// an optional validator (checksum, parse), stopwords that mark a value as a placeholder, an entropy floor, and the
/// provider prefixes the Tag operator keeps visible. Detectors never run code of their own beyond the validator and
/// the optional span selector (for shapes with many values, such as a Kubernetes Secret's data block).
/// </summary>
public sealed record SecretDetector
{
    public required string Id { get; init; }

    /// <summary>Upper-case label used in masks (<c>GITHUB_TOKEN</c>, <c>EMAIL</c>).</summary>
    public required string Kind { get; init; }

    public DetectorCategory Category { get; init; } = DetectorCategory.Secret;

    /// <summary>At least one must occur in the text (ignoring case) for the pattern to run; empty means always run.</summary>
    public IReadOnlyList<string> Keywords
    {
        get => _keywords;
        init
        {
            _keywords = value;
            LowerKeywords = value.Select(k => k.ToLowerInvariant()).ToArray();
        }
    }

    /// <summary>The keywords in lower case, searched ordinally in the lowered text.</summary>
    internal IReadOnlyList<string> LowerKeywords { get; private init; } = Array.Empty<string>();

    private readonly IReadOnlyList<string> _keywords = Array.Empty<string>();

    public required Regex Pattern { get; init; }

    /// <summary>
    /// <see cref="Pattern"/> compiled to IL, made on first use. The catalog's patterns are interpreted: compiling all of
    /// them costs seconds of start-up (each one is JIT-compiled on its first match) while most run on a few short
    /// regions; the scanner switches a detector to this copy once it has scanned enough text to repay the cost. Made
    /// once, under a lock: windows scanned at once used to reach the threshold together and each compile a copy (4 of
    /// the 19 patterns compiled over the bench corpus here were compiled twice, 10-20 ms of emitting and JIT each).
    /// </summary>
    internal Regex CompiledPattern
    {
        get
        {
            if (_compiled is null)
            {
                lock (Pattern)
                {
                    _compiled ??= Pattern.Options.HasFlag(RegexOptions.Compiled)
                        ? Pattern
                        : new Regex(Pattern.ToString(), Pattern.Options | RegexOptions.Compiled, Pattern.MatchTimeout);
                }
            }

            return _compiled;
        }
    }

    private Regex? _compiled;

    /// <summary>The compiled copy if some scan has already made it (a scanner made later starts with it).</summary>
    internal Regex? CompiledPatternIfMade => _compiled;

    /// <summary>
    /// How far before and after a keyword hit a match can start and end. On long text the pattern runs only on those
    /// regions, so a detector costs time in proportion to its keyword's hits, not to the text's length.
    /// </summary>
    public (int Before, int After) Reach { get; init; } = (128, 1024);

    /// <summary>Called with the candidate secret; false drops it.</summary>
    public Func<string, bool>? Validator { get; init; }

    /// <summary>Called with the whole match when the decision needs its context (a URL password equal to its user name).</summary>
    public Func<Match, bool>? MatchValidator { get; init; }

    /// <summary>A candidate containing one of these (ignoring case) is a placeholder, not a secret.</summary>
    public IReadOnlyList<string> Stopwords { get; init; } = Array.Empty<string>();

    /// <summary>Shannon entropy (bits per character) the candidate must reach; 0 turns the gate off.</summary>
    public double MinEntropy { get; init; }

    /// <summary>Provider prefixes that say what a token is without revealing it (<c>ghp_</c>, <c>sk-proj-</c>).</summary>
    public IReadOnlyList<string> KeepPrefixes { get; init; } = Array.Empty<string>();

    /// <summary>
    /// Prefixes only this detector's provider issues (<c>xoxp-</c>, <c>glpat-</c>, <c>sk-ant-</c>). A value that starts with
    /// one is this detector's to judge: when it rejects the value (too short, sequential digits, too little entropy), no
    /// detector that finds secrets by their context (key = value, headers, catch-all shapes) takes it instead, since a
    /// malformed provider token under <c>token:</c> is a placeholder or a truncated example, not a different secret.
    /// </summary>
    public IReadOnlyList<string> OwnedPrefixes { get; init; } = Array.Empty<string>();

    /// <summary>
    /// For key = value detectors whose pattern captures the key (group <c>name</c>): a 40- or 64-digit hex value is a
    /// credential when the key names one (<c>client_secret</c>, <c>api_token</c>), and a digest only when the key says so
    /// (<c>sha</c>, <c>commit</c>, <c>hash</c>, <c>checksum</c>). Without a name the hex shape is taken for a git SHA.
    /// </summary>
    public bool NamesItsValue { get; init; }

    public FindingConfidence Confidence { get; init; } = FindingConfidence.High;

    /// <summary>
    /// True for detectors without a provider-specific shape (key = value, passwords, entropy): the broad placeholder
    /// heuristics (repeated or sequential characters, UUIDs, git SHAs, words) apply to them. Provider-shaped tokens
    /// only meet the strict placeholder checks, since <c>sk_live_AAAA…</c> has the exact shape of a live key.
    /// </summary>
    public bool Generic { get; init; }

    /// <summary>Lower wins when two detectors claim overlapping text.</summary>
    public int Priority { get; init; } = 50;

    /// <summary>For shapes that hold several values (a Kubernetes Secret, a Cookie header): the spans to mask within a match.</summary>
    public Func<Match, IEnumerable<(int Start, int Length)>>? SpanSelector { get; init; }

    public override string ToString() => Id;
}

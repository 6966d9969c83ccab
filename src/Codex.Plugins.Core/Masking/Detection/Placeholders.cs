using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Codex.Plugins.Masking.Detection;

/// <summary>
/// Values that stand for a secret without being one: templates (<c>${VAR}</c>, <c>$(cmd)</c>, <c>{{ x }}</c>,
/// <c>&lt;your-key&gt;</c>), elisions (<c>sk-...</c>, <c>XXXX</c>, <c>***</c>) and words that say so (<c>YOUR_API_KEY</c>,
/// <c>changeme</c>). Generic detectors also skip repeated or sequential characters, UUIDs, git SHAs, base64 images and
/// code (a call, a variable reference), since nothing but their shape says they are secrets.
/// </summary>
public static class Placeholders
{
    private static readonly string[] TemplateMarks = { "$(", "{%", "%}", "<%", "...", "\u2026", "***", "$env:", "%(", "#{" };

    private static readonly string[] PlaceholderWords =
    {
        "your_", "your-", "yourkey", "your_api", "<your", "changeme", "change_me", "replace_me", "replaceme", "placeholder", "redacted",
        "insert_", "insert-", "put_your", "enter_your", "dummy", "sample_", "fake_", "xxxxxx", "_here", "-here", "todo",
        "example_key", "notarealkey", "not_a_real", "not-a-real",
    };

    private static readonly HashSet<string> PlaceholderPasswords = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "pass123", "mypassword", "yourpassword", "your_password", "changeme", "pa55word",
        "p@ssw0rd", "p@ssword", "passw0rd", "p4ssw0rd", "admin", "root", "test", "testing", "example", "xxx", "****", "null", "none", "undefined",
        "true", "false", "empty", "string", "value", "token", "apikey", "api_key", "key", "str", "env", "required", "optional",
    };

    // A template expression: ${VAR} (${VAR:-default}) or one pair of double braces around identifier paths, filters,
    // spaces, quotes and $ variables ({{ .Values.token }}, {{ $.Values.key | default('x') }}). Not braces that nest or hold $ # [
    // ({{h}o)p${e]nob(…}}: a password of punctuation). A value wrapped whole in single braces ({API_KEY}) likewise.
    private static readonly Regex TemplateExpression = new(@"\$\{[^{}$#\[\]\s]+\}|\{\{(?:[\w\s.|:'"",()\-]|\$(?=[\w.]))*\}\}", RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly Regex WrappedWhole = new(@"^(?:<[^<>]*>|\{[^{}$#\[\]]*\}|\[[^\[\]{}$#]*\])$", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex Uuid = new(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly Regex GitSha = new(@"^(?:[0-9a-f]{40}|[0-9a-f]{64})$", RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly Regex Code = new(@"^(?:[A-Za-z_][\w.]*\(.*\)?|process\.env\.\w+|os\.environ\b.*|os\.getenv\b.*|env\.\w+|secrets\.\w+|vars\.\w+|\$[A-Za-z_]\w*|\$\d+|%[A-Za-z_]\w*%|@[A-Za-z_]\w*@)$", RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly Regex VariableReference = new(@"^(?:\$\{?[A-Za-z_]\w*\}?|\$\d+|%[A-Za-z_]\w*%)$", RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly Regex EnvName = new(@"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    // Held once: Trim(params char[]) would build the array on every candidate of the generic detectors.
    private static readonly char[] Quotes = { '"', '\'', '`' };

    /// <summary>True when the value is a template, an elision or a word saying "put your key here".</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsStrictPlaceholder(string value, string? keptPrefix = null)
    {
        if (value.Length == 0)
        {
            return true;
        }

        foreach (string mark in TemplateMarks)
        {
            if (value.Contains(mark, StringComparison.Ordinal))
            {
                return true;
            }
        }

        // A value cut short for display (ops_eyJzaWduSW5B..) or a variable reference.
        if (value.EndsWith("..", StringComparison.Ordinal) || VariableReference.IsMatch(value))
        {
            return true;
        }

        if ((value.Contains("${", StringComparison.Ordinal) || value.Contains("{{", StringComparison.Ordinal)) && TemplateExpression.IsMatch(value))
        {
            return true;
        }

        if (value.Length > 1 && ((value[0] == '<' && value[^1] == '>') || (value[0] == '{' && value[^1] == '}') || (value[0] == '[' && value[^1] == ']')) && WrappedWhole.IsMatch(value))
        {
            return true;
        }

        foreach (string word in PlaceholderWords)
        {
            if (value.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        // "YOURPASSWORD", "YourApiKey", misspelt or not: a value of letters only that starts by addressing the reader.
        if (value.Length >= 8 && value.StartsWith("your", StringComparison.OrdinalIgnoreCase) && !value.AsSpan().ContainsAnyExcept(LettersAndUnderscore))
        {
            return true;
        }

        // Mostly x, *, # (XXXX-XXXX, ****): counted in one loop, since this runs for every candidate of every detector.
        ReadOnlySpan<char> body = keptPrefix is not null && value.StartsWith(keptPrefix, StringComparison.Ordinal) ? value.AsSpan(keptPrefix.Length) : value;
        int letters = 0, xs = 0;
        foreach (char c in body)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                letters++;
            }

            if (c is 'x' or 'X' or '*' or '#')
            {
                xs++;
            }
        }

        return letters > 0 && xs * 10 >= body.Length * 8;
    }

    private static readonly SearchValues<char> PartSeparators = SearchValues.Create("-_./:");

    private static readonly SearchValues<char> LettersAndUnderscore = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_");

    /// <summary>
    /// The longest part of a token between separators (- _ . /: its random body, sk-None-<b>abcdefghij1234567890…</b>) is
    /// at least 32 characters long and nothing but runs along the alphabet or the digits: no issued token looks like
    /// that, a sample written by hand does. Stricter than <see cref="IsMostlyAlphabetRuns"/> (60%, any length), for
    /// the catch-all shapes (any sk- token); a provider's own shape keeps its samples (secretlint's ng cases are such).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsTypedAlongTheAlphabet(string value)
    {
        // The first of the longest parts, found in place: this runs for every candidate of the catch-all shapes.
        ReadOnlySpan<char> longest = default, rest = value;
        bool more = true;
        while (more)
        {
            int separator = rest.IndexOfAny(PartSeparators);
            more = separator >= 0;
            ReadOnlySpan<char> part = more ? rest[..separator] : rest;
            rest = more ? rest[(separator + 1)..] : default;
            if (part.Length > longest.Length)
            {
                longest = part;
            }
        }

        return longest.Length >= 32 && AlphabetRunCoverage(longest) * 10 >= longest.Length * 9;
    }

    /// <summary>A UUID (8-4-4-4-12 hex digits).</summary>
    public static bool IsUuid(string value) => Uuid.IsMatch(value);

    // The UUIDs that RFC 4122, Java's and Python's documentation print, and the nil UUID.
    private static readonly HashSet<string> PrintedGuids = new(StringComparer.OrdinalIgnoreCase)
    {
        "123e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-426655440000", "550e8400-e29b-41d4-a716-446655440000",
        "f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "00000000-0000-0000-0000-000000000000",
    };

    /// <summary>
    /// A GUID written for documentation (00001111-aaaa-4222-bbbb-3333cccc4444): its 32 digits fall into a dozen runs of
    /// one repeated character or fewer, where a random GUID has about thirty.
    /// </summary>
    public static bool IsDocumentationGuid(string value)
    {
        if (!Uuid.IsMatch(value))
        {
            return false;
        }

        if (PrintedGuids.Contains(value))
        {
            return true;
        }

        int runs = 0;
        char previous = '\0';
        foreach (char c in value)
        {
            if (c != '-' && char.ToLowerInvariant(c) != previous)
            {
                runs++;
                previous = char.ToLowerInvariant(c);
            }
        }

        // …or every group typed along the keyboard or repeated: 12345678-ABCD-ABCD-ABCD-1234567890AB.
        return runs <= 12 || value.Split('-').All(IsRepeatedOrSequential);
    }

    /// <summary>
    /// Runs of six or more consecutive letters or digits (abcdefgh, ABCDEFGHIJ, 1234567890, either direction, case
    /// ignored) cover at least 60% of the value: a sample typed along the alphabet (abcdefghij1234567890ABCDEFGHIJ…),
    /// never a random value, whose longest such run is two or three characters. Only the generic detectors apply it:
    /// provider-shaped tokens keep their shape's word (secretlint's own ng samples are such sequences).
    /// </summary>
    public static bool IsMostlyAlphabetRuns(string value) => value.Length > 0 && AlphabetRunCoverage(value) * 10 >= value.Length * 6;

    /// <summary>How many characters of the value lie in runs of six or more consecutive letters or digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AlphabetRunCoverage(ReadOnlySpan<char> value)
    {
        int covered = 0, runStart = 0;
        for (int i = 1; i <= value.Length; i++)
        {
            bool continues = i < value.Length && char.IsAsciiLetterOrDigit(value[i]) && char.IsAsciiLetterOrDigit(value[i - 1])
                && (char.IsAsciiDigit(value[i]) == char.IsAsciiDigit(value[i - 1]))
                && Math.Abs(Step(value[i - 1], value[i])) == 1
                && (i - runStart < 2 || Step(value[i - 2], value[i - 1]) == Step(value[i - 1], value[i]));
            if (!continues)
            {
                if (i - runStart >= 6)
                {
                    covered += i - runStart;
                }

                runStart = i;
            }
        }

        return covered;

        static int Step(char a, char b)
        {
            int step = char.ToLowerInvariant(b) - char.ToLowerInvariant(a);
            return char.IsAsciiDigit(a) && char.IsAsciiDigit(b) && Math.Abs(step) == 9 ? -Math.Sign(step) : step;
        }
    }

    /// <summary>
    /// A value that is code, not a literal: a variable or member reference (<c>$pass</c>, <c>this.apiKey</c>,
    /// <c>config.db.password</c>), an expression (<c>(char *)</c>, <c>+new Buffer(…)</c>, <c>.$p['x']</c>), a label
    /// (<c>Password:</c>) or a route or path made of plain words (<c>cms/sites/passwords#edit</c>). Key = value
    /// detectors see these wherever code assigns or concatenates a secret held elsewhere.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsCodeOrReference(string value)
    {
        string v = value.Trim(Quotes).TrimStart('\\');
        if (v.Length == 0)
        {
            return true;
        }

        // An unbalanced closing parenthesis means the value is an argument inside a call: login(user, password=password).
        bool closesACall = v.EndsWith(')') && !v.Contains('(');
        if (v[0] is '$' or '(' or '[' or '+' or '.' or '&' || v.EndsWith(':') || closesACall || MemberAccess.IsMatch(v) || SelectorOrName.IsMatch(v) || CallOrIndex.IsMatch(v))
        {
            return true;
        }

        if (!v.Contains('/'))
        {
            return false;
        }

        // A path or route: every run of letters is one case, no run mixes letters and digits (base64 always does).
        int i = 0;
        while (i < v.Length)
        {
            if (!char.IsAsciiLetterOrDigit(v[i]))
            {
                i++;
                continue;
            }

            int start = i;
            while (i < v.Length && char.IsAsciiLetterOrDigit(v[i]))
            {
                i++;
            }

            ReadOnlySpan<char> chunk = v.AsSpan(start, i - start);
            bool digits = chunk.ContainsAnyInRange('0', '9');
            bool lettersOnly = !digits;
            if (lettersOnly ? chunk.ContainsAnyInRange('A', 'Z') && chunk.ContainsAnyInRange('a', 'z') : chunk.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }
        }

        return true;
    }

    // A CSS selector or anchor of plain words (#add-password), or a resource name (arn:aws:iam::…, urn:…).
    private static readonly Regex SelectorOrName = new(@"^(?:#[a-z][a-z_\-]*|(?:arn|urn):[a-z0-9\-]+:\S*)$", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    // The start of a call or an index: fs.readFileSync(, request.json_body[, getenv(.
    private static readonly Regex CallOrIndex = new(@"^@?[A-Za-z_][\w.]*[\[(]", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex MemberAccess = new(@"^@?[A-Za-z_][A-Za-z_]*(?:\.[A-Za-z_][A-Za-z_]*)+$", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>The strict checks, plus what only generic detectors skip: runs, sequences, UUIDs, SHAs, images, code, words.</summary>
    public static bool IsGenericPlaceholder(string value) => IsGenericPlaceholder(value, hexIsCredential: false);

    /// <summary>
    /// The generic checks; with <paramref name="hexIsCredential"/> (the key names a credential, not a digest or an id), a
    /// 40- or 64-digit hex value is not taken for a git SHA or a SHA-256, nor a UUID for an identifier, since many
    /// providers issue secrets of exactly those shapes (npm's legacy tokens and Heroku's keys are UUIDs).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsGenericPlaceholder(string value, bool hexIsCredential)
    {
        if (IsStrictPlaceholder(value) || PlaceholderPasswords.Contains(value))
        {
            return true;
        }

        if (value.Contains("example", StringComparison.OrdinalIgnoreCase) || value.Contains("fake", StringComparison.OrdinalIgnoreCase) || value.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("iVBORw0KGgo", StringComparison.Ordinal) || value.StartsWith("/9j/", StringComparison.Ordinal)
            || value.StartsWith("R0lGOD", StringComparison.Ordinal)
            || (value.StartsWith("ey", StringComparison.Ordinal) && PublishedSamples.IsDemonstrationJwt(value)))
        {
            return true;
        }

        if ((Uuid.IsMatch(value) && (!hexIsCredential || IsDocumentationGuid(value))) || (!hexIsCredential && GitSha.IsMatch(value)) || Code.IsMatch(value) || EnvName.IsMatch(value) || IsCodeOrReference(value))
        {
            return true;
        }

        // Under a name that says credential, only a value typed along the alphabet nearly throughout is a sample: the
        // suites' hand-made keys (1a2b3c4d…abcdef1234567890…) are more often secrets' stand-ins that must still be masked.
        return IsRepeatedOrSequential(value) || (hexIsCredential ? AlphabetRunCoverage(value) * 10 >= value.Length * 9 || IsTypedAlongTheAlphabet(value) : IsMostlyAlphabetRuns(value));
    }

    /// <summary>aaaa, 1111, abcdef, 123456, 987654: one run of consecutive characters covers most of the value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsRepeatedOrSequential(string value)
    {
        // Called for every candidate of the key = value detectors, so no LINQ or sets here: the letters and digits are
        // copied once, and their distinct count (ASCII only) is kept in two 64-bit masks.
        Span<char> core = value.Length <= 512 ? stackalloc char[value.Length] : new char[value.Length];
        int length = 0;
        ulong low = 0, high = 0;
        foreach (char c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                core[length++] = c;
                if (c < 64)
                {
                    low |= 1UL << c;
                }
                else
                {
                    high |= 1UL << (c - 64);
                }
            }
        }

        core = core[..length];
        if (core.Length < 4)
        {
            return core.Length == 0 || value.AsSpan().TrimStart(value[0]).IsEmpty;
        }

        if (BitOperations.PopCount(low) + BitOperations.PopCount(high) <= 2)
        {
            return true;
        }

        int longest = 1, run = 1, direction = 0;
        for (int i = 1; i < core.Length; i++)
        {
            int step = char.ToLowerInvariant(core[i]) - char.ToLowerInvariant(core[i - 1]);
            if (char.IsAsciiDigit(core[i]) && char.IsAsciiDigit(core[i - 1]) && Math.Abs(step) == 9)
            {
                step = -Math.Sign(step); // 9 -> 0 continues 1234567890, 0 -> 9 continues 0987654321
            }

            if (step is 1 or -1 or 0 && (direction == 0 || step == direction))
            {
                run++;
                direction = step;
            }
            else
            {
                run = 1;
                direction = 0;
            }

            longest = Math.Max(longest, run);
        }

        return longest * 10 >= core.Length * 8;
    }
}

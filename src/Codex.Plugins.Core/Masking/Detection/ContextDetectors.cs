using System.Text.RegularExpressions;
using static Codex.Plugins.Masking.Detection.DetectorShapes;

namespace Codex.Plugins.Masking.Detection;

/// <summary>Secrets known by the words around them (URLs, connection strings, headers, command flags, cookies, key = value): only the secret part is masked.</summary>
internal static class ContextDetectors
{
    public static IEnumerable<SecretDetector> All() => new SecretDetector[]
    {
        new()
        {
            Reach = (160, 220), Id = "url-password", Kind = "URL_PASSWORD", Keywords = new[] { "://" }, Priority = 60,
            // Not file://: a local path has no password to give, "user:pass@" there is a sample.
            Pattern = R(@"(?i)(?<=(?<![a-z0-9+.\-])[a-z][a-z0-9+.\-]{1,20})(?<!(?<![a-z0-9+.\-])file)://(?<user>[^\s:/?#@""'<>{}\[\]()]{1,128}):(?<secret>[^\s/?#""'<>{}]{4,200})@(?=[A-Za-z0-9\[\(.\-_])"),
            MatchValidator = m => !string.Equals(m.Groups["user"].Value, m.Groups["secret"].Value, StringComparison.Ordinal),
            Generic = true, Stopwords = new[] { "x-oauth-basic" },
        },
        new()
        {
            Reach = (40, 600), Id = "url-query-secret", Kind = "URL_SECRET", Keywords = new[] { "token=", "key=", "secret=", "password=", "passwd=", "pwd=", "auth=", "code=", "sig=", "signature=" }, Priority = 60,
            Pattern = R(@"(?i)[?&](?:access_token|refresh_token|id_token|token|api_key|apikey|api-key|key|client_secret|secret|password|passwd|pwd|auth|code|sig|signature|x-amz-signature|x-goog-signature)=(?<secret>[^&;\s#""'<>]{6,})"),
            Generic = true,
        },
        new()
        {
            Reach = (16, 160), Id = "connection-string-password", Kind = "CONNECTION_PASSWORD", Keywords = new[] { "password", "pwd" }, Priority = 60,
            Pattern = R(@"(?i)(?:^|[;\s""'(,])(?:password|pwd)\s*=\s*(?<secret>'[^']{1,128}'|[^;""'\s,)]{1,128})"), Generic = true,
        },
        new()
        {
            // After a scheme (Basic, Bearer, Token, Api-Token…) the credential may be short (Basic of a short user:pass);
            // with no scheme, or a bare "Bearer" outside a header, it must be token-sized.
            Reach = (48, 600), Id = "authorization-header", Kind = "AUTHORIZATION", Keywords = new[] { "authorization", "bearer" }, Priority = 60,
            MinEntropy = 2.75,
            Pattern = R(@"(?i)(?:\b(?:proxy-)?authorization[""'\]]{0,2}[ \t]*[:=][ \t]*[""']?(?:basic[ \t]+(?<secret>[A-Za-z0-9+/]{8,}={0,3})(?![\w.~+/=\-])|(?:bearer|token|api-?token|api-?key|sso-key|digest|negotiate|jwt|dpop|ssws)[ \t]+(?<secret>[\w=~@.+/\-]{8,})|(?<secret>[\w=~@.+/\-]{16,}))|\bbearer[ \t]+(?<secret>[A-Za-z0-9._~+/\-]{16,}=*))"),
        },
        new()
        {
            // Header names that carry a key (X-Api-Key, X-Octopus-ApiKey, apikey, Api-Token, X-Auth-Token), and in a curl
            // -H/--header any header named Token or Key. Not generic: a UUID is a common real API key.
            Reach = (64, 300), Id = "api-key-header", Kind = "API_KEY", Priority = 60, MinEntropy = 2.75,
            Keywords = new[] { "api-key", "apikey", "api-token", "apitoken", "auth-token", "access-token", "x-key", "-h ", "-h\"", "-h'", "--header" },
            Pattern = R(@"(?i)(?:(?<![\w\-])(?:x-(?:[a-z0-9]+-)*)?(?:api-?key|api-?token|auth-?token|access-?token)|(?<![\w\-])x-(?:[a-z0-9]+-)*[a-z0-9]*key|(?:\s-H|--header)[ \t=]*[""']?(?:x-(?:[a-z0-9]+-)*)?(?:token|key))[""']?[ \t]*[:=][ \t]*[""']?(?<secret>[^\s""',;]{8,})"),
            Validator = v => HasDigitOrMixedCase(v) && !Placeholders.IsCodeOrReference(v),
        },
        new()
        {
            // curl -u/--user (wget --http-user) on the command's line or a continuation line after it, the pair
            // bare, quoted whole or quoted per part; the password is masked, or the user part when the password is
            // empty (an API key given as "KEY:", Stripe's documented form).
            Reach = (700, 420), Id = "curl-user-password", Kind = "BASIC_AUTH", Keywords = new[] { "-u", "--user", "--http-user" }, Priority = 60,
            Pattern = R(@"(?i)\b(?:curl|wget|http)\b(?:[^\n]|\n(?![ \t]*\r?\n)){0,600}?[ \t\n](?:-u|--user|--http-user)(?:=|[ \t]{1,5})(?<cred>""[^""\n]{3,200}""|'[^'\n]{3,200}'|(?:""[^""\n]{0,64}""|'[^'\n]{0,64}'|[^\s:""']{1,64}):(?:""[^""\n]{1,128}""|'[^'\n]{1,128}'|[^\s""']{1,128}))"),
            SpanSelector = CurlCredential, Generic = true,
        },
        new()
        {
            Reach = (16, 220), Id = "cli-password-flag", Kind = "PASSWORD", Keywords = new[] { "--pass", "--pwd", "--token", "--secret", "--api-key", "--apikey" }, Priority = 60,
            Pattern = R(@"(?i)(?<![\w\-])--(?:password|passwd|pass|pwd|token|secret|api-key|apikey|client-secret)(?:=|[ \t]+)[""']?(?<secret>[^\s""'\-][^\s""']{2,200})"),
            Generic = true,
        },
        new()
        {
            Reach = (16, 4100), Id = "cookie", Kind = "COOKIE", Keywords = new[] { "cookie" }, Priority = 60,
            Pattern = R(@"(?im)\b(?:set-)?cookie[""']?\s*:\s*[""']?(?<block>[^\r\n""']{4,4000})"), SpanSelector = CookieValues, Generic = true,
        },

        new()
        {
            // The password argument of the calls that build a credential from literals: the last string of
            // NetworkCredential("user", "pass"), DirectoryEntry("LDAP://…", "user", "pass"), HTTPBasicAuth('u', 'p'), and
            // the string PowerShell's ConvertTo-SecureString turns -AsPlainText.
            Reach = (32, 400), Id = "credential-call", Kind = "PASSWORD", Priority = 65, Generic = true, Confidence = FindingConfidence.Medium,
            Keywords = new[] { "credential", "directoryentry", "basicauth", "digestauth", "passwordauthentication", "securestring" },
            Pattern = R(@"(?i)(?:\b(?:NetworkCredential|PSCredential|DirectoryEntry|HTTPBasicAuth|HTTPDigestAuth|HttpBasicAuth|BasicAuth|UsernamePasswordCredential|PasswordAuthentication|UsernamePasswordCredentials)\s*\(\s*(?:(?:""[^""\n]{0,200}""|'[^'\n]{0,200}')\s*,\s*){1,2}(?:""(?<secret>[^""\n]{3,100})""|'(?<secret>[^'\n]{3,100})')\s*[,)]|ConvertTo-SecureString\s+(?:-String\s+)?(?:""(?<secret>[^""\n]{3,200})""|'(?<secret>[^'\n]{3,200})')\s+-AsPlainText)"),
        },

        // Named values: the key says secret, the value passes the generic placeholder and entropy gates.
        new()
        {
            Reach = (48, 280), Id = "password-assignment", Kind = "PASSWORD", Priority = 70, Generic = true, Confidence = FindingConfidence.Medium,
            Keywords = new[] { "pass", "pwd", "contraseña" },
            Pattern = R(@"(?i)(?:(?-i:(?<![a-z]))|(?-i:(?<=[a-z])(?=P)))(?:passw(?:or)?d|passphrase|pwd|pass(?=[\W_])|contraseña)[\w.\-]{0,20}[""'\x60]?(?:[ \t]*(?:=|:=|:|=>|\?=)[ \t]*|[ \t]+is[ \t]+(?=[""'\x60]))[""'\x60]?(?<secret>(?!\$\{)[^\s""'\x60,;]{4,200})"),
        },
        new()
        {
            // The operators of config files and code: = := ::= += .= ?= : =>, the key quoted or escaped-quoted (JSON
            // inside a string); a typed declaration (var apiToken string = …), a quoted key and value passed as a pair
            // (setProperty("API_TOKEN", "…")) and an XML element named for the secret (<apiToken>…</apiToken>). Not a
            // word that only contains a secret word (keying, keyboard, jsonwebtoken). A client id is named too, but only a long random one (32+ characters, 3.5 bits each)
            // is taken for a credential: short ones are public identifiers.
            Reach = (48, 300), Id = "generic-secret-assignment", Kind = "SECRET", Priority = 80, Generic = true, Confidence = FindingConfidence.Medium, MinEntropy = 3.0,
            Keywords = new[] { "secret", "token", "key", "credential", "creds", "client", "_pat", "pat_", "-pat" }, NamesItsValue = true,
            Pattern = R(@"(?i)(?<public>(?:public|csrf|xsrf)[_.\-]?)?(?<name>(?:secret|(?<!jsonweb)token|(?<![a-z])pat(?![a-z])|api[_.\-]?key|apikey|access[_.\-]?key|auth[_.\-]?key|private[_.\-]?key|signing[_.\-]?key|master[_.\-]?key|encryption[_.\-]?key|credential|creds)(?!ing|word|board|stroke|frame|pad|press|store|tab|ring|chain)[\w.\-]{0,20}|(?<client>client[_.\-]?id))\\?[""'\x60]?(?:\]|\[\])?(?:[ \t]+string)?[ \t]*(?:=|[+.?]=|:{1,3}=|:|=>|(?<=[""'\x60][\w.\-]{1,80}[""'\x60])[ \t]*,(?=[ \t]*[""'\x60])|(?<=<[\w.\-:]{1,60})>\s*|[ \t]+-[ \t]+(?=[""'\x60])|(?<bare>[ \t]+|[ \t]*(?=[""'\x60])))[ \t]*(?:@(?=[""']))?\\?(?<open>[""'\x60])?(?:(?<secret>[A-Za-z0-9_+/=.~@!%^*\-]{10,200})(?![A-Za-z0-9_+/=.~@!%^*\-])|(?=[^\s""'\x60\\]{0,199}[{}\[\]$#<>])(?<secret>(?>[^\s""'\x60\\]{10,200}))(?(open)(?=\\?\k<open>)|(?=[ \t]*(?:\r?\n|$))))(?<close>\\?[""'\x60]|[ \t]*(?:\r?\n|$))?"),
            // Not a value the name calls public (publicToken, csrf_token) or an attribute of a secret (SECRET_NAME,
            // token_url, secret_length): those name the secret without holding it. An id stays: access_key_id is half
            // of a credential.
            // The key may close an index (dict["secret"] =, apiKey[] =) and the value be a verbatim string (@"…").
            // A value of punctuation ({}[]$#<>: a password typed with symbols) is taken whole when it fills its quotes or the
            // rest of the line; a template in it is left to the placeholder checks.
            // A value that starts with @ is a reference (@secret_name, an action pinned @ a commit), not a literal. With no
            // operator at all (a log's "using token 3f10…") only the bare word token or secret before a long random value counts.
            MatchValidator = m => !m.Groups["public"].Success && m.Groups["secret"].ValueSpan[0] != '@' && (m.Groups["client"].Success || !NamesAnAttribute(m.Groups["name"].Value))
                && (!m.Groups["bare"].Success || IsBareTokenValue(m) || IsBareQuotedValue(m))
                // A quoted value must end at a quote: one cut short by a character no token holds ('3aF?9c…') is not one.
                && (!m.Groups["open"].Success || m.Groups["close"].Success)
                && (!m.Groups["client"].Success || (m.Groups["secret"].Length >= 32 && !m.Groups["secret"].ValueSpan.Contains('.') && Validators.Entropy(m.Groups["secret"].ValueSpan) >= 3.5 && !Placeholders.IsUuid(m.Groups["secret"].Value))),
            Validator = v => HasDigitOrMixedCase(v) || (v.Length >= 20 && Validators.Entropy(v) >= 3.5),
        },
    };

    /// <summary>"token 3f10194c…": the name is the bare word, the value 20+ characters of letters and digits both, random.</summary>
    private static bool IsBareTokenValue(Match m)
    {
        ReadOnlySpan<char> name = m.Groups["name"].ValueSpan, secret = m.Groups["secret"].ValueSpan;
        return (name.Equals("token", StringComparison.OrdinalIgnoreCase) || name.Equals("secret", StringComparison.OrdinalIgnoreCase))
            && secret.Length >= 20 && secret.ContainsAnyInRange('0', '9') && (secret.ContainsAnyInRange('a', 'z') || secret.ContainsAnyInRange('A', 'Z'))
            && Validators.Entropy(secret) >= 3.5;
    }

    /// <summary>
    /// "apikey \"…\";", "private_key'…'": a credential name and, with no operator, a value that fills its own matching
    /// quotes, 16+ characters of 3.5+ bits each and not an identifier (a digit or a symbol in it): prose ("the secret
    /// \"is out\"") and names quoted after a name (resource "aws_secret" "db_secret_name") stay.
    /// </summary>
    private static bool IsBareQuotedValue(Match m)
    {
        Group open = m.Groups["open"], close = m.Groups["close"];
        ReadOnlySpan<char> secret = m.Groups["secret"].ValueSpan;
        return open.Success && close.Success && close.ValueSpan.Length > 0 && close.ValueSpan[^1] == open.ValueSpan[0]
            && secret.Length >= 16 && Validators.Entropy(secret) >= 3.5
            && (secret.ContainsAnyInRange('0', '9') || secret.ContainsAnyExcept(IdentifierCharacters));
    }

    private static readonly System.Buffers.SearchValues<char> IdentifierCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_.-");

    /// <summary>A digit, or upper and lower case letters both (vectorised: every key = value candidate comes here).</summary>
    private static bool HasDigitOrMixedCase(string value) =>
        value.AsSpan().ContainsAnyInRange('0', '9') || (value.AsSpan().ContainsAnyInRange('A', 'Z') && value.AsSpan().ContainsAnyInRange('a', 'z'));

    private static readonly HashSet<string> AttributeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "name", "names", "url", "uri", "endpoint", "host", "length", "len", "size", "type", "count", "path",
        "file", "dir", "field", "label", "format", "ttl", "expiry", "expires", "expiration", "lifetime", "header", "param",
        "prefix", "version", "policy", "provider", "store", "vault", "kind", "mode", "ref", "arn", "location", "region",
    };

    /// <summary>The key's last word (after the secret word: SECRET_NAME, credentialId, token.url) names an attribute.</summary>
    private static bool NamesAnAttribute(string name)
    {
        int end = name.Length;
        while (end > 0 && !char.IsAsciiLetterOrDigit(name[end - 1]))
        {
            end--;
        }

        int start = end;
        while (start > 0 && char.IsAsciiLetterOrDigit(name[start - 1]))
        {
            if (start < end && char.IsAsciiLetterUpper(name[start]) && char.IsAsciiLetterLower(name[start - 1]))
            {
                break;
            }

            start--;
        }

        // The secret word itself (a key that is just "token") is not an attribute of anything. An id is half of a key
        // pair (access_key_id) but only names a stored credential (Jenkins' credentialsId).
        return start > 0 && (AttributeWords.Contains(name[start..end])
            || (name[start..end].Equals("id", StringComparison.OrdinalIgnoreCase) && name.StartsWith("cred", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// The secret of a curl credential: the password, or the user part when the password is empty. Templated pairs
    /// (&lt;user:password&gt;, [user]:[pass]) and a user alone (no colon) give nothing.
    /// </summary>
    // The stand-ins curl examples use for a password (gitleaks' curl-auth-user allow-list).
    private static readonly Regex CurlPlaceholderPassword = new(@"^(?i:change(?:it|me)|pass(?:word)?|pwd|test|token|\*+|x+|y+)$", RegexOptions.CultureInvariant);

    private static IEnumerable<(int Start, int Length)> CurlCredential(Match match)
    {
        Group cred = match.Groups["cred"];
        string text = cred.Value;
        int offset = cred.Index;
        if (text.Length >= 2 && text[0] is '"' or '\'' && text.IndexOf(text[0], 1) == text.Length - 1)
        {
            text = text[1..^1];
            offset++;
        }

        if (text.StartsWith('<') || text.StartsWith('[') || text.EndsWith('>'))
        {
            yield break;
        }

        int colon;
        if (text.Length > 0 && text[0] is '"' or '\'')
        {
            int close = text.IndexOf(text[0], 1);
            colon = close > 0 && close + 1 < text.Length && text[close + 1] == ':' ? close + 1 : -1;
        }
        else
        {
            colon = text.IndexOf(':');
        }

        if (colon < 0)
        {
            yield break;
        }

        (int start, int length) user = Unquote(0, colon);
        (int start, int length) password = Unquote(colon + 1, text.Length - colon - 1);
        (int start, int length) secret = password.length > 0 ? password : user;
        if (secret.length >= 3 && !CurlPlaceholderPassword.IsMatch(text.AsSpan(secret.start, secret.length)))
        {
            yield return (offset + secret.start, secret.length);
        }

        (int, int) Unquote(int start, int length)
        {
            if (length >= 2 && text[start] is '"' or '\'' && text[start + length - 1] == text[start])
            {
                return (start + 1, length - 2);
            }

            return (start, length);
        }
    }

    private static IEnumerable<(int Start, int Length)> CookieValues(Match match)
    {
        Group block = match.Groups["block"];
        string text = block.Value;
        int i = 0;
        while (i < text.Length)
        {
            int eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                yield break;
            }

            int end = text.IndexOf(';', eq);
            if (end < 0)
            {
                end = text.Length;
            }

            string name = text[i..eq].Trim();
            int valueStart = eq + 1;
            int valueEnd = end;
            while (valueEnd > valueStart && text[valueEnd - 1] == ' ')
            {
                valueEnd--;
            }

            bool attribute = name.Equals("path", StringComparison.OrdinalIgnoreCase) || name.Equals("domain", StringComparison.OrdinalIgnoreCase)
                || name.Equals("expires", StringComparison.OrdinalIgnoreCase) || name.Equals("max-age", StringComparison.OrdinalIgnoreCase)
                || name.Equals("samesite", StringComparison.OrdinalIgnoreCase);
            if (!attribute && valueEnd - valueStart >= 4)
            {
                yield return (block.Index + valueStart, valueEnd - valueStart);
            }

            i = end + 1;
        }
    }
}

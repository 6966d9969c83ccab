using System.Text.RegularExpressions;
using static Codex.Plugins.Masking.Detection.DetectorShapes;

namespace Codex.Plugins.Masking.Detection;

/// <summary>Private keys and structured secrets (PEM, PuTTY, bare DER, Kubernetes Secret data, JWT): the whole block goes.</summary>
internal static class KeyBlockDetectors
{
    public static IEnumerable<SecretDetector> All() => new SecretDetector[]
    {
        new()
        {
            Reach = (128, 16500), Id = "private-key", Kind = "PRIVATE_KEY", Priority = 1, Keywords = new[] { "PRIVATE KEY" },
            Pattern = R(@"-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{1,16000}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----?"),
            Validator = Validators.IsPemKeyBody, KeepPrefixes = new[] { "-----BEGIN" },
        },
        new()
        {
            Reach = (64, 6000), Id = "putty-private-key", Kind = "PRIVATE_KEY", Priority = 1, Keywords = new[] { "PuTTY-User-Key-File" },
            Pattern = R(@"PuTTY-User-Key-File-\d+:[^\n]*\n(?:[^\n]*\n){0,6}?Private-Lines: \d+\r?\n(?<secret>(?:[A-Za-z0-9+/=]{1,64}\r?\n){1,64})"),
        },
        new()
        {
            // A private key without its PEM armour: base64 DER that opens as PKCS#1, PKCS#8 or SEC1 key structures do
            // (a SEQUENCE whose first element is the version INTEGER), which certificates and public keys never do.
            Reach = (16, 16500), Id = "private-key-der", Kind = "PRIVATE_KEY", Priority = 2, Keywords = new[] { "MII", "MHcCAQEE" },
            Pattern = R(@"(?<![A-Za-z0-9+/])(?<secret>(?:MII|MHcCAQEE)[A-Za-z0-9+/]{60,16000}={0,2})(?![A-Za-z0-9+/=])"),
            Validator = Validators.IsDerPrivateKey, MinEntropy = 4.0,
        },
        new()
        {
            Reach = (8000, 8000), Id = "kubernetes-secret", Kind = "KUBERNETES_SECRET", Priority = 2, Keywords = new[] { "kind: Secret", "kind: \"Secret\"", "kind: 'Secret'" },
            Pattern = R(@"(?m)^kind:[ \t]*[""']?(?i:secret)[""']?[ \t]*\r?$[\s\S]{0,4000}?^(?:data|stringData):[ \t]*\r?\n(?<block>(?:[ \t]+[^\n]*\n?){1,500})|^(?:data|stringData):[ \t]*\r?\n(?<block>(?:[ \t]+[^\n]*\n?){1,500})(?=[\s\S]{0,4000}?^kind:[ \t]*[""']?(?i:secret)[""']?[ \t]*\r?$)"),
            SpanSelector = KubernetesSecretValues,
        },
        new()
        {
            Reach = (16, 8192), Id = "jwt", Kind = "JWT", Priority = 5, Keywords = new[] { "eyJ", "eyA" },
            Pattern = R(Start + @"(?<secret>ey[JA][A-Za-z0-9_-]{10,}={0,2}\.ey[JA][A-Za-z0-9_-]{10,}={0,2}(?:\.[A-Za-z0-9_-]{10,}={0,2})?)" + End),
            Validator = v => Validators.IsJwt(v) && !PublishedSamples.IsDemonstrationJwt(v), KeepPrefixes = new[] { "eyJ" },
        },
    };

    private static IEnumerable<(int Start, int Length)> KubernetesSecretValues(Match match)
    {
        foreach (Group block in match.Groups.Cast<Group>().Where(g => g.Name == "block" && g.Success))
        {
            foreach (Capture capture in block.Captures)
            {
                int offset = capture.Index;
                foreach (string line in capture.Value.Split('\n'))
                {
                    int colon = line.IndexOf(':');
                    if (colon > 0 && line.Length > 0 && char.IsWhiteSpace(line[0]))
                    {
                        int valueStart = colon + 1;
                        while (valueStart < line.Length && line[valueStart] is ' ' or '\t' or '"' or '\'')
                        {
                            valueStart++;
                        }

                        int valueEnd = line.TrimEnd('\r', ' ', '\t', '"', '\'').Length;
                        if (valueEnd > valueStart && !line.AsSpan(valueStart).StartsWith("{{"))
                        {
                            yield return (offset + valueStart, valueEnd - valueStart);
                        }
                    }

                    offset += line.Length + 1;
                }
            }
        }
    }
}

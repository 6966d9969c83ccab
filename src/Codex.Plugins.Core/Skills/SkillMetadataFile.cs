using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Codex.Plugins.Skills;

/// <summary>
/// Reads agents/openai.yaml as Codex does: optional, and failing open. A file that does not parse is ignored whole
/// (the skill still loads, implicitly invocable); a field over its limit is ignored alone.
/// </summary>
internal static class SkillMetadataFile
{
    public const string RelativePath = "agents/openai.yaml";

    public static SkillMetadata? Read(string skillDirectory, out string? file, out string? problem)
    {
        problem = null;
        file = Path.Combine(skillDirectory, "agents", "openai.yaml");
        if (!Configuration.PathProbe.FileExists(file))
        {
            file = null;
            return null;
        }

        YamlMappingNode? root;
        try
        {
            // Read whole (the plugin check's secret scan then reads the same bytes) and, when the text is in the
            // subset PlainYaml reads, without YamlDotNet. Bytes that are not UTF-8 go the streaming way, which reports
            // whichever of the two problems the YAML reader meets first.
            byte[] bytes = Configuration.RegularFile.ReadAllBytes(file, limit: Configuration.FileSizeLimit.SkillMetadataYaml);
            string? text = DecodeOrNull(bytes);
            if (text is not null && PlainYaml.Load(text) is { } simple)
            {
                return Describe(simple);
            }

            var stream = new YamlStream();
            using (TextReader reader = text is not null ? new StringReader(text)
                : Configuration.RegularFile.OpenText(file, SkillFileReader.StrictUtf8, detectEncodingFromByteOrderMarks: false, Configuration.FileSizeLimit.SkillMetadataYaml))
            {
                stream.Load(reader);
            }

            YamlNode? node = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            if (node is null || node is YamlScalarNode { Value: null or "" or "~" or "null" })
            {
                return null;
            }

            root = node as YamlMappingNode ?? throw new InvalidDataException("the file is not a mapping");
            return Describe(root);
        }
        catch (Exception ex) when (ex is YamlException or IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or System.Text.DecoderFallbackException)
        {
            problem = ex.Message;
            return null;
        }
    }

    private static string? DecodeOrNull(byte[] bytes)
    {
        try
        {
            return SkillFileReader.StrictUtf8.GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }
    }

    private static SkillMetadata Describe(YamlMappingNode root)
    {
        YamlMappingNode? ui = Child(root, "interface") as YamlMappingNode;
        YamlMappingNode? policy = Child(root, "policy") as YamlMappingNode;
        YamlMappingNode? deps = Child(root, "dependencies") as YamlMappingNode;

        bool? implicitInvocation = null;
        if (policy is not null && Child(policy, "allow_implicit_invocation") is YamlScalarNode allow)
        {
            implicitInvocation = allow.Value switch
            {
                "true" or "True" or "TRUE" => true,
                "false" or "False" or "FALSE" => false,
                null or "" or "~" or "null" => null,
                // Codex's serde reads a bool here; anything else fails the whole file, which Codex then ignores.
                _ => throw new InvalidDataException($"policy.allow_implicit_invocation: invalid type: string \"{allow.Value}\", expected a boolean"),
            };
        }

        string[] products = policy is not null && Child(policy, "products") is YamlSequenceNode ps
            ? ps.Children.Select(ProductName).ToArray()
            : Array.Empty<string>();

        var tools = new List<string>();
        if (deps is not null && Child(deps, "tools") is YamlSequenceNode toolList)
        {
            foreach (YamlMappingNode tool in toolList.Children.OfType<YamlMappingNode>())
            {
                string? type = Limited(Child(tool, "type"), SkillLimits.MaxNameChars);
                string? value = Limited(Child(tool, "value"), SkillLimits.MaxShortDescriptionChars);
                if (type is not null && value is not null)
                {
                    tools.Add($"{type}:{value}");
                }
            }
        }

        string? color = (Child(ui, "brand_color") as YamlScalarNode)?.Value?.Trim();
        bool colorOk = color is { Length: 7 } && color[0] == '#' && color[1..].All(Uri.IsHexDigit);
        return new SkillMetadata(
            Limited(Child(ui, "display_name"), SkillLimits.MaxNameChars),
            Limited(Child(ui, "short_description"), SkillLimits.MaxShortDescriptionChars),
            Limited(Child(ui, "default_prompt"), SkillLimits.MaxShortDescriptionChars),
            colorOk ? color : null,
            implicitInvocation,
            products,
            tools.ToArray());
    }

    // Codex knows three products, lower case or upper case; any other value fails the whole file, which Codex then
    // ignores (checked: products: [nonsense] leaves the skill listed, products: [chatgpt] hides it from the CLI).
    private static string ProductName(YamlNode node) => (node as YamlScalarNode)?.Value switch
    {
        "codex" or "CODEX" => "codex",
        "chatgpt" or "CHATGPT" => "chatgpt",
        "atlas" or "ATLAS" => "atlas",
        var other => throw new InvalidDataException($"policy.products: unknown variant `{other}`, expected one of `chatgpt`, `codex`, `atlas`"),
    };

    private static YamlNode? Child(YamlMappingNode? map, string key)
    {
        if (map is null)
        {
            return null;
        }

        foreach (var (k, v) in map.Children)
        {
            if ((k as YamlScalarNode)?.Value == key)
            {
                return v;
            }
        }

        return null;
    }

    // Codex keeps an optional text only when it is non-empty and within its limit, after making it one line.
    private static string? Limited(YamlNode? node, int max)
    {
        if (node is not YamlScalarNode { Value: { } raw })
        {
            return null;
        }

        string value = SkillText.SingleLine(raw);
        return value.Length == 0 || SkillText.CharCount(value) > max ? null : value;
    }
}

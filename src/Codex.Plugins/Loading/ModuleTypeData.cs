using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Xml;

namespace Codex.Plugins.Loading;

/// <summary>
/// Adds the module's extended type data (Codex.Plugins.types.ps1xml: default display sets, serialization depths and
/// the enums' TargetTypeForDeserialization) to the importing runspace's type table. The manifest does not list the
/// file in TypesToProcess: PowerShell's own types.ps1xml loading cost about 24 ms of CPU per import (Import.Bench,
/// most of it a fixed cost of that path, the rest its string-to-type lookups across every loaded assembly), while
/// reading the same 37 entries here and handing them to the type table as TypeData costs a few.
/// </summary>
internal static class ModuleTypeData
{
    internal const string FileName = "Codex.Plugins.types.ps1xml";
    private const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic;

    /// <summary>Adds the type data to the runspace that is importing the module (no-op outside one).</summary>
    public static void Register()
    {
        Runspace? runspace = Runspace.DefaultRunspace;
        if (runspace is null)
        {
            return;
        }

        string path = Path.Combine(Path.GetDirectoryName(typeof(ModuleTypeData).Assembly.Location)!, FileName);
        IReadOnlyList<TypeData> entries = Read(path);
        TypeTable? table = FindTypeTable(runspace);
        if (table is not null)
        {
            // IsOverride (set by Read) replaces what an earlier import of the module added: Import-Module -Force
            // runs this again in the same runspace.
            foreach (TypeData entry in entries)
            {
                table.AddType(entry);
            }

            return;
        }

        // A PowerShell whose engine no longer exposes the type table this way: the public cmdlet does the same
        // (and loads Microsoft.PowerShell.Utility to do it).
        using PowerShell shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
        shell.AddCommand("Microsoft.PowerShell.Utility\\Update-TypeData").AddParameter("TypeData", entries.ToArray()).AddParameter("Force");
        shell.Invoke();
    }

    /// <summary>The type data the file declares; anything else in it is an error, not silently dropped.</summary>
    internal static IReadOnlyList<TypeData> Read(string path)
    {
        // Child-element walks, not XPath: XPath's first use alone is a measurable part of an import.
        var document = new XmlDocument();
        document.Load(path);
        Assembly types = typeof(HookTrustStatus).Assembly;
        var entries = new List<TypeData>();
        foreach (XmlElement type in Children(document.DocumentElement!, "Type"))
        {
            var data = new TypeData(Text(type, "Name")) { IsOverride = true };
            foreach (XmlElement member in Children(type["Members"], null))
            {
                if (member.Name != "MemberSet" || Text(member, "Name") != "PSStandardMembers")
                {
                    throw Unsupported(path, data.TypeName, member);
                }

                foreach (XmlElement standard in Children(member["Members"], null))
                {
                    switch ((standard.Name, Text(standard, "Name")))
                    {
                        case ("PropertySet", "DefaultDisplayPropertySet"):
                            var names = Children(standard["ReferencedProperties"], "Name").Select(n => n.InnerText.Trim());
                            data.DefaultDisplayPropertySet = new PropertySetData(names);
                            break;
                        case ("NoteProperty", "SerializationDepth"):
                            data.SerializationDepth = uint.Parse(Text(standard, "Value"), System.Globalization.CultureInfo.InvariantCulture);
                            break;
                        case ("NoteProperty", "TargetTypeForDeserialization"):
                            data.TargetTypeForDeserialization = types.GetType(Text(standard, "Value"), throwOnError: true);
                            break;
                        default:
                            throw Unsupported(path, data.TypeName, standard);
                    }
                }
            }

            entries.Add(data);
        }

        return entries;
    }

    private static IEnumerable<XmlElement> Children(XmlElement? parent, string? name) =>
        parent is null ? [] : parent.ChildNodes.OfType<XmlElement>().Where(e => name is null || e.Name == name);

    private static TypeTable? FindTypeTable(Runspace runspace)
    {
        object? context = typeof(Runspace).GetProperty("ExecutionContext", Internal)?.GetValue(runspace);
        return context?.GetType().GetProperty("TypeTable", Internal)?.GetValue(context) as TypeTable;
    }

    private static string Text(XmlElement parent, string child) =>
        parent[child]?.InnerText.Trim() ?? throw new InvalidDataException($"<{parent.Name}> has no <{child}>.");

    private static InvalidDataException Unsupported(string path, string typeName, XmlElement member) =>
        new($"{path}: {typeName}: <{member.Name}> {member["Name"]?.InnerText} is not one of the members ModuleTypeData reads.");
}

using System.Reflection;
using System.Runtime.Loader;

namespace Codex.Plugins.Loading;

/// <summary>
/// The load context that holds the engine (Codex.Plugins.Core) and every third-party assembly it uses (Tomlyn,
/// YamlDotNet). Another module that ships its own Tomlyn loads it into PowerShell's default context; ours never
/// meets it there, and theirs never binds to ours.
/// </summary>
internal sealed class EngineLoadContext : AssemblyLoadContext
{
    private const string EngineAssemblyName = "Codex.Plugins.Core";
    private const string TypesAssemblyName = "Codex.Plugins.Types";
    private static readonly object Gate = new();
    private static EngineLoadContext? instance;

    private readonly string dependencyDirectory;

    private EngineLoadContext(string dependencyDirectory)
        : base("Codex.Plugins", isCollectible: false)
    {
        this.dependencyDirectory = dependencyDirectory;
    }

    /// <summary>Hooks the default context so that it asks us for the engine, and only for the engine.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (instance is not null)
            {
                return;
            }

            string moduleDirectory = Path.GetDirectoryName(typeof(EngineLoadContext).Assembly.Location)!;
            string dependencies = Path.Combine(moduleDirectory, "Dependencies");
            if (!Directory.Exists(dependencies))
            {
                // Loaded from a build folder (not the laid-out module): the engine sits beside us and loads normally.
                return;
            }

            instance = new EngineLoadContext(dependencies);
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name)
    {
        if (instance is null || !string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal))
        {
            return null;
        }

        return instance.LoadFromAssemblyPath(Path.Combine(instance.dependencyDirectory, EngineAssemblyName + ".dll"));
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // The public types are shared with PowerShell (type literals, views, pipeline binding): one copy, the default
        // context's. Otherwise our own copy first; anything we do not ship (the framework,
        // System.Management.Automation) comes from the default context by returning null.
        if (string.Equals(assemblyName.Name, TypesAssemblyName, StringComparison.Ordinal))
        {
            return null;
        }

        string candidate = Path.Combine(dependencyDirectory, assemblyName.Name + ".dll");
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }
}

using System.Runtime.CompilerServices;

namespace Codex.Plugins.Loading;

/// <summary>Registers the engine's load context and the module's type data when PowerShell imports the module.</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    /// <inheritdoc />
    public void OnImport()
    {
        EngineLoadContext.Register();
        ModuleTypeData.Register();
    }

    // Runs before any code of this assembly, whichever way it was loaded (Import-Module, Add-Type, a job's runspace).
    // A library using a module initializer is exactly the case CA2255 warns about; here it is the point.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void OnAssemblyLoad() => EngineLoadContext.Register();
}

namespace Codex.Plugins.Commands;

/// <summary>
/// What Test-CodexPermissionProfile was given on the pipeline: a profile to resolve again (from an earlier run), or
/// an agent (from Get-CodexAgent). Deserialized objects (after remoting) come back as property bags: the same
/// properties are read by name.
/// </summary>
internal static class PermissionInput
{
    public static (string? Profile, AgentPermissionRequest? Agent) Read(PSObject? input)
    {
        object? value = input?.BaseObject;
        if (value is PSObject { BaseObject: var inner })
        {
            value = inner;
        }

        if (value is CodexPermissionProfile profile)
        {
            return (profile.Name, null);
        }

        if (value is CodexAgent agent)
        {
            return (null, new AgentPermissionRequest(agent.Name, agent.DefaultPermissions, agent.SandboxMode, agent.File, agent.Line));
        }

        if (input?.Properties["ExtendsChain"] is not null)
        {
            return (input.Properties["Name"]?.Value as string, null);
        }

        if (input?.Properties["Scope"] is not null && input.Properties["DefaultPermissions"] is not null)
        {
            return (null, new AgentPermissionRequest((string)input.Properties["Name"].Value, input.Properties["DefaultPermissions"].Value as string,
                input.Properties["SandboxMode"]?.Value as string, input.Properties["File"]?.Value as string, input.Properties["Line"]?.Value as int?));
        }

        return (null, null);
    }
}

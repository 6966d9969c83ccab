namespace Codex.Plugins.Permissions;

/// <summary>
/// Folders Codex keeps read-only directly under every writable root, whether or not they exist yet, unless an entry
/// names that exact path (observed in 0.169.0: .git, .codex, .agents and .aws; .ssh is not among them).
/// </summary>
internal static class ProtectedFolders
{
    public static void Add(ResolvedPermissionProfile result)
    {
        var explicitPaths = new HashSet<string>(result.Rules.Where(r => r.Path is not null).Select(r => r.Path!), StringComparer.Ordinal);
        var writableRoots = result.Rules
            .Where(r => r.Access == FileSystemAccess.Write && r.Path is not null && result.Decide(r.Path, out _)?.Access == FileSystemAccess.Write)
            .ToList();
        foreach (FileSystemRule root in writableRoots)
        {
            foreach (string name in PermissionResolver.ProtectedMetadataNames)
            {
                string path = root.Path == "/" ? "/" + name : root.Path + "/" + name;
                if (explicitPaths.Add(path))
                {
                    result.Rules.Add(new FileSystemRule(root.Key, root.SubPath.Length == 0 ? name : root.SubPath + "/" + name, path, null, FileSystemAccess.Read, root.DefinedBy, "Protected", root.File, root.Line,
                        $"{name} directly under the writable root {root.Path} stays read-only (Codex protects .git, .codex, .agents, .aws)"));
                }
            }
        }
    }
}

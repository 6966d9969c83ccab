using System.Text;
using Codex.Plugins.Configuration;

namespace Codex.Plugins.Tests.Support;

/// <summary>A throwaway folder tree for one test: a Codex home, a system folder, a project; never the real home.</summary>
public sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "codex-plugins-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        CodexHome = Dir("home/.codex");
        UserHome = Dir("home");
        System = Dir("etc-codex");
        Project = Dir("work");
    }

    public string Root { get; }

    public string CodexHome { get; }

    public string UserHome { get; }

    public string System { get; }

    public string Project { get; }

    public string Dir(string relative)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(path);
        return path;
    }

    public string Write(string relative, string text, bool bom = false)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        byte[] body = Encoding.UTF8.GetBytes(text);
        File.WriteAllBytes(path, bom ? new byte[] { 0xEF, 0xBB, 0xBF }.Concat(body).ToArray() : body);
        return path;
    }

    public string WriteUserConfig(string text) => Write("home/.codex/config.toml", text);

    public CodexEnvironment Environment(string? projectPath = null, string? profile = null) =>
        new(CodexHome, UserHome, System, projectPath ?? Project, profile);

    public ConfigStack Load(string? projectPath = null, string? profile = null) => ConfigStack.Load(Environment(projectPath, profile));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

namespace Codex.Plugins.Configuration;

/// <summary>A file refused because a link on the way to it belongs to an account that could not read it.</summary>
internal sealed class LinkNotFollowedException : IOException
{
    public LinkNotFollowedException(string message)
        : base(message)
    {
    }
}

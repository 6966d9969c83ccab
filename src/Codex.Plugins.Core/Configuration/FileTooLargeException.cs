using System.Globalization;

namespace Codex.Plugins.Configuration;

/// <summary>A file larger than its kind's <see cref="FileSizeLimit"/>: nothing of it was read.</summary>
public sealed class FileTooLargeException : IOException
{
    public FileTooLargeException(string path, long size, FileSizeLimit limit)
        : base($"{path} is {(size < 0 ? "larger than the limit" : $"{FileSizeLimit.Size(size)} ({size.ToString(CultureInfo.InvariantCulture)} bytes)")}, over the {limit.Kind} limit of {limit.Describe()}; it was not read.")
    {
        Path = path;
        Size = size;
        Limit = limit;
    }

    public string Path { get; }

    /// <summary>The size found (-1 when the file grew past the limit while it was read).</summary>
    public long Size { get; }

    public FileSizeLimit Limit { get; }
}

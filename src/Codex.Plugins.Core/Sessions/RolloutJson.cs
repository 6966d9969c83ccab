using System.Text;
using System.Text.Json;

namespace Codex.Plugins.Sessions;

/// <summary>
/// The reads <see cref="RolloutRecord"/> makes at every property of a rollout line, in one place: each takes the
/// reader standing on a property name, reads its value and leaves the reader on the value's last token, so the
/// caller's loop over properties goes on. A value of another type than expected is passed over, never fatal: rollouts
/// of other Codex versions put other shapes under the same names.
/// </summary>
internal static class RolloutJson
{
    /// <summary>Passes over the property's value, whatever it is.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>Moves into the property's value when it is an object (true); anything else is passed over (false).</summary>
    public static bool EnterObject(ref Utf8JsonReader reader)
    {
        reader.Read();
        return IsObject(ref reader);
    }

    /// <summary>Whether the value the reader stands on is an object; anything else is passed over.</summary>
    public static bool IsObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        reader.Skip();
        return false;
    }

    public static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    public static int? ReadInt(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int v))
        {
            return v;
        }

        reader.Skip();
        return null;
    }

    public static long ReadLong(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long v))
        {
            return v;
        }

        reader.Skip();
        return 0;
    }

    /// <summary>A token_count's usage object, from the value the reader stands on; null when it is not an object.</summary>
    public static CodexTokenUsage? ReadTokens(ref Utf8JsonReader reader)
    {
        if (!IsObject(ref reader))
        {
            return null;
        }

        var usage = new CodexTokenUsage();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("input_tokens"u8)) { usage.Input = ReadLong(ref reader); }
            else if (reader.ValueTextEquals("cached_input_tokens"u8)) { usage.CachedInput = ReadLong(ref reader); }
            else if (reader.ValueTextEquals("output_tokens"u8)) { usage.Output = ReadLong(ref reader); }
            else if (reader.ValueTextEquals("reasoning_output_tokens"u8)) { usage.ReasoningOutput = ReadLong(ref reader); }
            else if (reader.ValueTextEquals("total_tokens"u8)) { usage.Total = ReadLong(ref reader); }
            else { SkipValue(ref reader); }
        }

        return usage;
    }

    /// <summary>A duration, from the value the reader stands on: Rust's Duration {secs, nanos}, or milliseconds as a number (some events).</summary>
    public static TimeSpan? ReadDuration(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetDouble(out double ms) ? TimeSpan.FromMilliseconds(ms) : null;
        }

        if (!IsObject(ref reader))
        {
            return null;
        }

        long secs = 0, nanos = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("secs"u8)) { secs = ReadLong(ref reader); }
            else if (reader.ValueTextEquals("nanos"u8)) { nanos = ReadLong(ref reader); }
            else { SkipValue(ref reader); }
        }

        return TimeSpan.FromTicks(secs * TimeSpan.TicksPerSecond + nanos / 100);
    }

    /// <summary>A JSON string's body, unescaped: quoted and given to the reader (a cut in the middle of an escape is kept as it is).</summary>
    public static string Unescape(ReadOnlySpan<byte> escaped)
    {
        byte[] quoted = new byte[escaped.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        escaped.CopyTo(quoted.AsSpan(1));
        try
        {
            var r = new Utf8JsonReader(quoted);
            r.Read();
            return r.GetString() ?? string.Empty;
        }
        catch (JsonException)
        {
            return Encoding.UTF8.GetString(escaped);
        }
        catch (InvalidOperationException)
        {
            return Encoding.UTF8.GetString(escaped);
        }
    }
}

using System.Collections;
using Codex.Plugins.Findings;

namespace Codex.Plugins.Internal;

/// <summary>
/// Turns what a user passes to -Suppression (hashtables, or objects with RuleId, Target, Reason, Expires) into the
/// engine's typed <see cref="FindingSuppression"/>s as the parameter binds. A bad entry stays in the list as its
/// <see cref="CodexIssue"/>, so the cmdlet stops with the stable SuppressionInvalid id rather than a binder message.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SuppressionTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        IEnumerable items = inputData is PSObject { BaseObject: var b } ? (LanguagePrimitives.GetEnumerable(b) ?? new[] { inputData })
            : LanguagePrimitives.GetEnumerable(inputData) is { } many && inputData is not IDictionary ? many
            : new[] { inputData };
        var result = new List<object>();
        foreach (object? item in items)
        {
            if (item is null)
            {
                continue;
            }

            object value = item is PSObject ps ? ps.BaseObject : item;
            if (value is FindingSuppression or CodexIssue)
            {
                result.Add(value);
                continue;
            }

            string? Field(string name) => value is IDictionary d
                ? d.Keys.Cast<object>().FirstOrDefault(k => string.Equals(k.ToString(), name, StringComparison.OrdinalIgnoreCase)) is { } key ? d[key]?.ToString() : null
                : PSObject.AsPSObject(item).Properties[name]?.Value?.ToString();
            try
            {
                result.Add(FindingSuppressions.Parse(Field));
            }
            catch (CodexIssueException ex)
            {
                result.Add(ex.Issue);
            }
        }

        return result.ToArray();
    }
}

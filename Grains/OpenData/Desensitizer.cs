using DataSharing.Common;

namespace DataSharing.OpenData;

/// <summary>
/// Applies a rule set to the columns one reader receives: <see cref="Columns"/> is what the reader sees (dropped items
/// removed, the others in the order asked), <see cref="Apply"/> turns one row of the asked columns into a row of those.
/// The transformation of each column is chosen once; null and empty values stay as they are (absent is not a value).
/// </summary>
public sealed class Desensitizer
{
    private readonly int[] _sources;
    private readonly Func<string, string?>?[] _transforms;

    /// <param name="columns">The data items the reader receives, by name, in the order of each row's values.</param>
    /// <param name="field">The request field naming the columns, for the error on an unknown one.</param>
    public Desensitizer(DesensitizationRuleSet rules, IReadOnlyList<string> columns, string field = "columns")
    {
        var sources = new List<int>(columns.Count);
        var transforms = new List<Func<string, string?>?>(columns.Count);
        var names = new List<string>(columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            var index = rules.IndexOf(columns[i]);
            if (index < 0)
            {
                throw new ValidationFailedException($"{field}[{i}]", $"The entry has no data item {Require.Shown(columns[i])}.", DesensitizationRuleSet.Article);
            }

            var rule = rules.Effective[index];
            if (rule.Method == DesensitizationMethod.Drop)
            {
                continue;
            }

            sources.Add(i);
            transforms.Add(TransformOf(rule, rules, index));
            names.Add(columns[i]);
        }

        _sources = [.. sources];
        _transforms = [.. transforms];
        Columns = names;
        InputCount = columns.Count;
    }

    /// <summary>The columns of the output, in the order asked, without the dropped items.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>How many values each input row has (the columns asked for).</summary>
    public int InputCount { get; }

    /// <summary>One row of the asked columns → the desensitized row of <see cref="Columns"/>.</summary>
    public string?[] Apply(IReadOnlyList<string?> values)
    {
        if (values.Count != InputCount)
        {
            throw new ArgumentException($"The row has {values.Count} values; {InputCount} columns were asked for.", nameof(values));
        }

        var output = new string?[_sources.Length];
        for (var i = 0; i < _sources.Length; i++)
        {
            var value = values[_sources[i]];
            output[i] = value is { Length: > 0 } && _transforms[i] is { } transform ? transform(value) : value;
        }

        return output;
    }

    private static Func<string, string?>? TransformOf(DesensitizationRule rule, DesensitizationRuleSet rules, int index)
    {
        switch (rule.Method)
        {
            case DesensitizationMethod.Mask:
                var (prefix, suffix) = (rule.Prefix ?? 0, rule.Suffix ?? 0);
                return value => Mask.Apply(value, prefix, suffix);
            case DesensitizationMethod.KeyedHash:
                // Only explicit rules hash, and the rule set refused them without a key.
                var hash = rules.Hash ?? throw new InvalidOperationException("A keyed-hash rule without a key passed validation.");
                var length = rule.HashLength ?? KeyedHash.MaxLength;
                return value => hash.Apply(value, length);
            case DesensitizationMethod.Generalize:
                var kind = Generalize.For(rules.Items[index])
                    ?? throw new InvalidOperationException($"The data item '{rule.Item}' cannot be generalized; validation let it pass.");
                var fallback = rule.Prefix ?? Generalize.DefaultDistrictFallback;
                return value => Generalize.Apply(kind, value, fallback);
            default:
                return null;
        }
    }
}

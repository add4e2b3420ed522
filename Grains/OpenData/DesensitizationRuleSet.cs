using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Quality;

namespace DataSharing.OpenData;

/// <summary>
/// The desensitization of every data item of one entry (Art 36, 39), validated against its items: the entry's explicit
/// rules, and for the items it names no rule for, the default of the standard data element they carry (identity number
/// and phone masked, name masked to the surname, address generalized, credit code kept) or else kept.
/// </summary>
public sealed class DesensitizationRuleSet
{
    public const string Article = "Art 36";

    /// <summary>The most characters a mask may keep at either end; more is not a mask.</summary>
    public const int MaxMaskKept = 32;

    private readonly Dictionary<string, int> _index;

    private DesensitizationRuleSet(IReadOnlyList<DataItem> items, IReadOnlyList<DesensitizationRule> effective, KeyedHash? hash)
    {
        Items = items;
        Effective = effective;
        Hash = hash;
        _index = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            _index.TryAdd(items[i].Name, i);
        }
    }

    public IReadOnlyList<DataItem> Items { get; }

    /// <summary>The rule each item is served with, explicit or default, in item order.</summary>
    public IReadOnlyList<DesensitizationRule> Effective { get; }

    internal KeyedHash? Hash { get; }

    /// <summary>The rule of the item with this name, or null when the entry has no such item.</summary>
    public DesensitizationRule? RuleFor(string item) => _index.TryGetValue(item, out var i) ? Effective[i] : null;

    internal int IndexOf(string item) => _index.TryGetValue(item, out var i) ? i : -1;

    /// <summary>The rule of an item the entry names no rule for.</summary>
    public static DesensitizationRule DefaultFor(DataItem item) =>
        StandardElements.Find(item.StandardElementCode)?.DefaultRule(item.Name) ?? new(item.Name, DesensitizationMethod.Keep);

    /// <summary>
    /// Validates <paramref name="rules"/> against the entry's <paramref name="items"/> and completes them with the
    /// defaults. A bad rule is a <see cref="ValidationFailedException"/> whose field is <c>{field}[i].item</c>,
    /// <c>.method</c>, <c>.prefix</c>, <c>.suffix</c> or <c>.hashLength</c>.
    /// </summary>
    public static DesensitizationRuleSet Create(
        IReadOnlyList<DataItem> items, IReadOnlyList<DesensitizationRule>? rules, OpenDataOptions options, string field = "desensitization")
    {
        rules ??= [];
        Require.Items(rules, field, CatalogEntryRules.MaxDataItems, Article);
        var explicitRules = new Dictionary<string, DesensitizationRule>(StringComparer.Ordinal);
        KeyedHash? hash = null;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var at = $"{field}[{i}]";
            Require.Line(rule.Item, $"{at}.item", Article);
            var item = items.FirstOrDefault(d => d.Name == rule.Item)
                ?? throw new ValidationFailedException($"{at}.item", $"The entry has no data item {Require.Shown(rule.Item)}.", Article);
            if (!explicitRules.TryAdd(item.Name, rule))
            {
                throw new ValidationFailedException($"{at}.item", $"The data item {Require.Shown(rule.Item)} has two rules.", Article);
            }

            Check(rule, item, at);
            if (rule.Method == DesensitizationMethod.KeyedHash)
            {
                hash ??= KeyFrom(options, $"{at}.method");
            }
        }

        var effective = items.Select(item => explicitRules.GetValueOrDefault(item.Name) ?? DefaultFor(item)).ToList();
        return new DesensitizationRuleSet(items, effective, hash);
    }

    private static void Check(DesensitizationRule rule, DataItem item, string at)
    {
        switch (rule.Method)
        {
            case DesensitizationMethod.Keep or DesensitizationMethod.Drop:
                Unused(rule.Prefix, $"{at}.prefix", rule.Method);
                Unused(rule.Suffix, $"{at}.suffix", rule.Method);
                Unused(rule.HashLength, $"{at}.hashLength", rule.Method);
                break;
            case DesensitizationMethod.Mask:
                Within(rule.Prefix, $"{at}.prefix", 0, MaxMaskKept);
                Within(rule.Suffix, $"{at}.suffix", 0, MaxMaskKept);
                Unused(rule.HashLength, $"{at}.hashLength", rule.Method);
                break;
            case DesensitizationMethod.KeyedHash:
                Within(rule.HashLength, $"{at}.hashLength", KeyedHash.MinLength, KeyedHash.MaxLength);
                Unused(rule.Prefix, $"{at}.prefix", rule.Method);
                Unused(rule.Suffix, $"{at}.suffix", rule.Method);
                break;
            case DesensitizationMethod.Generalize:
                var kind = Generalize.For(item) ?? throw new ValidationFailedException($"{at}.method",
                    $"The data item '{item.Name}' ({item.DataType}{(item.StandardElementCode is { } code ? ", " + code : "")}) cannot be generalized: "
                    + "dates, identity numbers, division codes and text (addresses) can; mask, hash or drop it instead.", Article);
                if (kind == Generalization.District)
                {
                    Within(rule.Prefix, $"{at}.prefix", 1, Require.MaxLine);
                }
                else if (rule.Prefix is not null)
                {
                    throw new ValidationFailedException($"{at}.prefix",
                        $"Generalize takes a prefix only for text (the characters kept of an address naming no district); '{item.Name}' is generalized to its {kind}.", Article);
                }

                Unused(rule.Suffix, $"{at}.suffix", rule.Method);
                Unused(rule.HashLength, $"{at}.hashLength", rule.Method);
                break;
            default:
                throw new ValidationFailedException($"{at}.method", $"Unknown desensitization method {(int)rule.Method}.", Article);
        }
    }

    private static KeyedHash KeyFrom(OpenDataOptions options, string field)
    {
        if (string.IsNullOrWhiteSpace(options.HashKey))
        {
            throw new ValidationFailedException(field,
                $"KeyedHash needs the platform's hash key, and none is configured (set {OpenDataOptions.Section}:HashKey, "
                + $"environment {OpenDataOptions.Section}__HashKey, to a secret of at least {KeyedHash.MinKeyLength} characters).", Article);
        }

        if (options.HashKey.Length < KeyedHash.MinKeyLength)
        {
            throw new ValidationFailedException(field,
                $"KeyedHash needs a hash key of at least {KeyedHash.MinKeyLength} characters; the configured {OpenDataOptions.Section}:HashKey is shorter.", Article);
        }

        return new KeyedHash(options.HashKey);
    }

    private static void Within(int? value, string field, int min, int max)
    {
        if (value is { } v)
        {
            Require.Range(v, field, min, max, Article);
        }
    }

    private static void Unused(int? value, string field, DesensitizationMethod method)
    {
        if (value is not null)
        {
            var name = field[(field.LastIndexOf('.') + 1)..];
            throw new ValidationFailedException(field, $"{method} takes no {name}.", Article);
        }
    }
}

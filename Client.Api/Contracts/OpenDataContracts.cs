using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.OpenData;

namespace DataSharing.Api.Contracts;

/// <summary>Opening a NonOpen entry (Art 36): the open type it gets, and desensitization rules or the rights holders' consent.</summary>
public sealed record OpeningBody(
    OpenType? OpenType, IReadOnlyList<DesensitizationRuleBody?>? Desensitization, RightsHolderConsent? Consent, int? ExpectedVersion);

/// <summary>
/// A desensitization rule as a client sends it. The method is nullable here so that leaving it out is an error naming
/// it, not a silent <see cref="DesensitizationMethod.Keep"/> (which would open the item as it is).
/// </summary>
public sealed record DesensitizationRuleBody(string? Item, DesensitizationMethod? Method, int? Prefix, int? Suffix, int? HashLength)
{
    /// <summary>The rules, or null for none; a rule without a method is a 400 naming <c>{field}[i].method</c>.</summary>
    public static IReadOnlyList<DesensitizationRule>? ToRules(IReadOnlyList<DesensitizationRuleBody?>? rules, string field = "desensitization")
    {
        if (rules is null)
        {
            return null;
        }

        var converted = new List<DesensitizationRule>(rules.Count);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i] ?? throw new ValidationFailedException($"{field}[{i}]", $"{field}[{i}] is null.", DesensitizationRuleSet.Article);
            var method = rule.Method ?? throw new ValidationFailedException($"{field}[{i}].method",
                $"method is one of {string.Join(", ", Enum.GetNames<DesensitizationMethod>())} (Art 36).", DesensitizationRuleSet.Article);
            converted.Add(new DesensitizationRule(rule.Item ?? "", method, rule.Prefix, rule.Suffix, rule.HashLength));
        }

        return converted;
    }
}

/// <summary>A member of the public applies for conditionally open data (Art 36).</summary>
public sealed record OpenApplicationBody(string? EntryCode, string? Purpose, IReadOnlyList<string>? DataItems, DateOnly? PeriodFrom, DateOnly? PeriodTo);

/// <summary>The provider approves with conditions, for the items applied for or fewer.</summary>
public sealed record OpenApplicationApprovalBody(string? Conditions, IReadOnlyList<string>? DataItems);

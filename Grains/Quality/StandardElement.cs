using DataSharing.OpenData;

namespace DataSharing.Quality;

/// <summary>
/// A standard data element (标准数据元): the code a data item declares to say what it carries, the rule its values
/// follow, and how it is desensitized when an entry's open data says nothing of it (Art 36, 39).
/// </summary>
/// <param name="Rule">The rule of its values; null when only the item's data type is checked.</param>
/// <param name="Generalization">What <see cref="DesensitizationMethod.Generalize"/> makes of it; null when it cannot be
/// generalized (a name, a phone number).</param>
public sealed record StandardElement(
    string Code,
    string Name,
    ValueRule? Rule,
    DesensitizationMethod DefaultMethod,
    int? DefaultPrefix = null,
    int? DefaultSuffix = null,
    Generalization? Generalization = null)
{
    /// <summary>The default rule, for an item carrying this element.</summary>
    public DesensitizationRule DefaultRule(string item) => new(item, DefaultMethod, DefaultPrefix, DefaultSuffix);
}

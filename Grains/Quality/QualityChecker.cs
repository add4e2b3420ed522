using DataSharing.Catalog;
using DataSharing.Data;

namespace DataSharing.Quality;

/// <summary>
/// Checks rows of one entry against the rules of its data items (Art 19): the standard data element's rule where the
/// item carries a known one, else its data type's. The rules are chosen once per column, so a valid row costs a loop
/// over its values and allocates nothing. Empty values are absent, not errors: whether an item is required is not a
/// rule of its format.
/// </summary>
public sealed class QualityChecker
{
    public const string ColumnsRule = "columns";

    private readonly DataItem[] _items;
    private readonly ValueRule?[] _rules;
    private readonly DateOnly? _today;

    /// <param name="items">The entry's data items, in the order of each row's values.</param>
    /// <param name="today">When given, a birth date after it is an error (identity numbers, DE00007).</param>
    public QualityChecker(IReadOnlyList<DataItem> items, DateOnly? today = null)
    {
        _items = [.. items];
        _rules = [.. items.Select(RuleOf)];
        _today = today;
    }

    public IReadOnlyList<DataItem> Items => _items;

    /// <summary>The rule each item is checked with (null: not checked), in item order.</summary>
    public IReadOnlyList<ValueRule?> Rules => _rules;

    public static ValueRule? RuleOf(DataItem item) =>
        StandardElements.Find(item.StandardElementCode)?.Rule ?? ValueRules.ForDataType(item.DataType);

    /// <summary>The row's errors, none for a valid row. A row with the wrong number of values is one error of the row.</summary>
    public IReadOnlyList<RowError> CheckRow(long line, IReadOnlyList<string?> values)
    {
        if (values.Count != _items.Length)
        {
            return [new RowError(line, null, ColumnsRule, $"The row has {values.Count} values; the entry has {_items.Length} data items.")];
        }

        List<RowError>? errors = null;
        for (var i = 0; i < _rules.Length; i++)
        {
            if (_rules[i] is { } rule && values[i] is { Length: > 0 } value && rule.Check(value, _today) is { } message)
            {
                (errors ??= []).Add(new RowError(line, _items[i].Name, rule.Name, message));
            }
        }

        return errors ?? (IReadOnlyList<RowError>)Array.Empty<RowError>();
    }
}

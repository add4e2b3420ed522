namespace DataSharing.Quality;

/// <summary>
/// How one value of a data item is checked: <see cref="Name"/> is the stable name errors carry (<c>RowError.Rule</c>,
/// and the key of a report's counts); <see cref="Check"/> answers null when the value is valid, else what is wrong.
/// The checks of the rules in <see cref="ValueRules"/> allocate nothing for a valid value.
/// </summary>
public sealed class ValueRule(string name, Func<string, DateOnly?, string?> check)
{
    public string Name { get; } = name;

    /// <summary>Checks a present (non-empty) value; <paramref name="today"/> bounds dates that cannot be in the future.</summary>
    public string? Check(string value, DateOnly? today = null) => check(value, today);

    public override string ToString() => Name;
}

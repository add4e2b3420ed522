namespace DataSharing.Data;

/// <summary>
/// The update frequencies an entry can declare (Art 13, 17), read from its free-text <c>updateFrequency</c> in English
/// or Chinese. A frequency gives the period after an update by which the next one is due; "as changed", "irregular"
/// and unknown words give none, so such an entry is never stale by the clock (its time limit still binds Art 15 changes).
/// </summary>
public static class UpdateFrequency
{
    private static readonly Dictionary<string, Func<DateOnly, DateOnly>> Periods = new(StringComparer.OrdinalIgnoreCase)
    {
        // Real-time data is pushed as it changes; a day without any update is already late.
        ["real-time"] = d => d.AddDays(1), ["realtime"] = d => d.AddDays(1), ["实时"] = d => d.AddDays(1),
        ["daily"] = d => d.AddDays(1), ["每日"] = d => d.AddDays(1), ["每天"] = d => d.AddDays(1),
        ["weekly"] = d => d.AddDays(7), ["每周"] = d => d.AddDays(7),
        ["monthly"] = d => d.AddMonths(1), ["每月"] = d => d.AddMonths(1),
        ["quarterly"] = d => d.AddMonths(3), ["每季度"] = d => d.AddMonths(3), ["每季"] = d => d.AddMonths(3),
        ["half-yearly"] = d => d.AddMonths(6), ["每半年"] = d => d.AddMonths(6),
        ["yearly"] = d => d.AddYears(1), ["annually"] = d => d.AddYears(1), ["每年"] = d => d.AddYears(1),
    };

    /// <summary>The date the next update is expected after an update on <paramref name="updated"/>, or null when the frequency sets none.</summary>
    public static DateOnly? NextAfter(string frequency, DateOnly updated) =>
        Periods.TryGetValue(frequency.Trim(), out var next) ? next(updated) : null;
}

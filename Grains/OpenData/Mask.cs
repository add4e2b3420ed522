using System.Text;

namespace DataSharing.OpenData;

/// <summary>
/// Keeps a prefix and a suffix of a value and replaces each character between with '*' (340104********1234,
/// 138****5678, 张**). At least one character is always hidden; a value too short to keep both ends with something
/// between keeps at most half of itself, from the start (so 张 → *, and a short phone number is not shown almost whole).
/// Characters are counted as Unicode scalars, so a rare name character outside the BMP is never split in two.
/// </summary>
public static class Mask
{
    public const char Hidden = '*';

    public static string Apply(string value, int prefix, int suffix)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(suffix);
        if (value.Length == 0)
        {
            return value;
        }

        if (value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return ApplyToScalars(value, prefix, suffix);
        }

        var (keepStart, keepEnd) = Kept(value.Length, prefix, suffix);
        return string.Create(value.Length, (value, keepStart, keepEnd), static (chars, state) =>
        {
            chars.Fill(Hidden);
            state.value.AsSpan(0, state.keepStart).CopyTo(chars);
            state.value.AsSpan(state.value.Length - state.keepEnd).CopyTo(chars[(chars.Length - state.keepEnd)..]);
        });
    }

    private static (int Start, int End) Kept(int length, int prefix, int suffix) =>
        length > prefix + suffix ? (prefix, suffix) : (Math.Min(prefix, length / 2), 0);

    private static string ApplyToScalars(string value, int prefix, int suffix)
    {
        var runes = value.EnumerateRunes().ToArray();
        var (keepStart, keepEnd) = Kept(runes.Length, prefix, suffix);
        var masked = new StringBuilder(value.Length);
        for (var i = 0; i < runes.Length; i++)
        {
            if (i < keepStart || i >= runes.Length - keepEnd)
            {
                masked.Append(runes[i].ToString());
            }
            else
            {
                masked.Append(Hidden);
            }
        }

        return masked.ToString();
    }
}

namespace DataSharing.Common;

/// <summary>The checks every input text goes through, so all fields fail the same way.</summary>
public static class Require
{
    public const int MaxText = 4000;

    public static void Text(string? value, string field, string? article = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ValidationFailedException(field, article is null ? $"{field} is required." : $"{field} is required ({article}).", article);
        }

        MaxLength(value, field);
    }

    public static void MaxLength(string? value, string field)
    {
        if (value?.Length > MaxText)
        {
            throw new ValidationFailedException(field, $"{field} is longer than {MaxText} characters.");
        }
    }
}

namespace DataSharing.Quality;

/// <summary>The rules of the standard data elements and of the data types an entry declares (Art 19).</summary>
public static class ValueRules
{
    public static readonly ValueRule IdentityNumber = new(ResidentIdentityNumber.Rule, ResidentIdentityNumber.Validate);

    public static readonly ValueRule CreditCode = new(SocialCreditCode.Rule, static (value, _) => SocialCreditCode.Validate(value));

    public static readonly ValueRule Mobile = new(MobileNumber.Rule, static (value, _) => MobileNumber.Validate(value));

    public static readonly ValueRule Division = new(DivisionCode.Rule, static (value, _) => DivisionCode.Validate(value));

    public static readonly ValueRule Date = new(IsoDate.Rule, static (value, _) => IsoDate.Validate(value));

    /// <summary>A date that has happened: a birth date after today is an error of collection, not a format.</summary>
    public static readonly ValueRule BirthDate = new("birth date", static (value, today) =>
        !IsoDate.TryParse(value, out var date) ? IsoDate.Validate(value)
        : today is { } now && date > now ? $"The birth date is after {now:yyyy-MM-dd}."
        : null);

    public static readonly ValueRule Decimal = new(InvariantNumber.DecimalRule, static (value, _) => InvariantNumber.ValidateDecimal(value));

    public static readonly ValueRule Integer = new(InvariantNumber.IntegerRule, static (value, _) => InvariantNumber.ValidateInteger(value));

    /// <summary>
    /// The rule of a declared data type: "date", "decimal" and "integer" are checked; "string", "text", "geojson" and
    /// types the platform does not know are not checked beyond being present.
    /// </summary>
    public static ValueRule? ForDataType(string? dataType) => dataType?.Trim().ToLowerInvariant() switch
    {
        "date" => Date,
        "decimal" => Decimal,
        "integer" => Integer,
        _ => null,
    };
}

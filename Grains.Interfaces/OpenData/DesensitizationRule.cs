namespace DataSharing.OpenData;

/// <summary>
/// How one data item of an entry is desensitized. The parameters a method does not use must be absent.
/// </summary>
/// <param name="Item">The data item's name.</param>
/// <param name="Prefix"><see cref="DesensitizationMethod.Mask"/>: characters kept at the start (default 0);
/// <see cref="DesensitizationMethod.Generalize"/> of text: characters kept when it names no district (default 6).</param>
/// <param name="Suffix"><see cref="DesensitizationMethod.Mask"/>: characters kept at the end (default 0).</param>
/// <param name="HashLength"><see cref="DesensitizationMethod.KeyedHash"/>: hex characters kept (16 to 64, default 64).</param>
[GenerateSerializer, Immutable, Alias("DesensitizationRule")]
public sealed record DesensitizationRule(
    [property: Id(0)] string Item,
    [property: Id(1)] DesensitizationMethod Method,
    [property: Id(2)] int? Prefix = null,
    [property: Id(3)] int? Suffix = null,
    [property: Id(4)] int? HashLength = null);

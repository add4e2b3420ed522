using DataSharing.Common;

namespace DataSharing.OpenData;

/// <summary>
/// The provider's answer: approved with <see cref="Conditions"/> for <see cref="DataItems"/> (the items asked for,
/// or fewer), or refused with <see cref="Reason"/> and <see cref="LegalBasis"/>. <see cref="Late"/>: given after the due instant.
/// </summary>
[GenerateSerializer, Immutable, Alias("OpenApplicationAnswer")]
public sealed record OpenApplicationAnswer(
    [property: Id(0)] bool Approved,
    [property: Id(1)] string? Conditions,
    [property: Id(2)] IReadOnlyList<string> DataItems,
    [property: Id(3)] string? Reason,
    [property: Id(4)] string? LegalBasis,
    [property: Id(5)] Actor By,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] bool Late);

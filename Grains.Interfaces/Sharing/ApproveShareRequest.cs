namespace DataSharing.Sharing;

/// <summary>The provider's approval; it may narrow the data items and the period, never widen them.</summary>
[GenerateSerializer, Immutable, Alias("ApproveShareRequest")]
public sealed record ApproveShareRequest(
    [property: Id(0)] IReadOnlyList<string>? DataItems = null,
    [property: Id(1)] DateOnly? ValidFrom = null,
    [property: Id(2)] DateOnly? ValidTo = null,
    [property: Id(3)] string? Note = null);

namespace DataSharing.Sharing;

/// <summary>A refusal: both the reason and the legal basis are required (Art 21, 25).</summary>
[GenerateSerializer, Immutable, Alias("RefuseShareRequest")]
public sealed record RefuseShareRequest(
    [property: Id(0)] string Reason,
    [property: Id(1)] string LegalBasis);

namespace DataSharing.Sharing;

/// <summary>A material attached to a request (Art 24): its name as the entry lists it and a reference to the document.</summary>
[GenerateSerializer, Immutable, Alias("SubmittedMaterial")]
public sealed record SubmittedMaterial(
    [property: Id(0)] string Name,
    [property: Id(1)] string Reference);

using DataSharing.Common;

namespace DataSharing.Reviews;

/// <summary>The one extension a review may get (Art 26): its length, who approved it, and the due date it replaced.</summary>
[GenerateSerializer, Alias("ReviewExtension")]
public sealed record ReviewExtension(
    [property: Id(0)] int WorkingDays,
    [property: Id(1)] string Reason,
    [property: Id(2)] Actor ApprovedBy,
    [property: Id(3)] DateTimeOffset ApprovedAt,
    [property: Id(4)] DateOnly PreviousDueDate);

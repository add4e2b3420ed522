namespace DataSharing.Common;

/// <summary>Who performs an act: recorded on every transition (Art 38: responsibility follows who handled the data).</summary>
[GenerateSerializer, Immutable, Alias("Actor")]
public sealed record Actor(
    [property: Id(0)] string Subject,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Department)
{
    public static Actor System { get; } = new("platform", "System", null);

    public bool ActsFor(string department) =>
        Common.Role.IsDepartmentRole(Role) && string.Equals(Department, department, StringComparison.Ordinal);
}

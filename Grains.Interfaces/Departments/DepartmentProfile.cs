namespace DataSharing.Departments;

/// <summary>A government department (政务部门). <see cref="Code"/> is region code + unit, e.g. "340000-GA".</summary>
[GenerateSerializer, Alias("DepartmentProfile")]
public sealed record DepartmentProfile(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] DepartmentLevel Level,
    [property: Id(3)] string RegionCode);

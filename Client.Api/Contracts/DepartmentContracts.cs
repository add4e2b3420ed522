using DataSharing.Departments;

namespace DataSharing.Api.Contracts;

public sealed record DepartmentBody(string? Code, string? Name, DepartmentLevel? Level, string? RegionCode);

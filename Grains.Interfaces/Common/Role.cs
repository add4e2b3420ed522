namespace DataSharing.Common;

/// <summary>The roles of domain.md; the names are the JWT role claim values.</summary>
public static class Role
{
    public const string DepartmentOperator = nameof(DepartmentOperator);
    public const string DepartmentHead = nameof(DepartmentHead);
    public const string PlatformAdmin = nameof(PlatformAdmin);
    public const string DataAuthority = nameof(DataAuthority);
    public const string Public = nameof(Public);
    public const string FederationPeer = nameof(FederationPeer);

    public static readonly IReadOnlyList<string> All =
        [DepartmentOperator, DepartmentHead, PlatformAdmin, DataAuthority, Public, FederationPeer];

    /// <summary>Roles that act for one department and must carry a department claim.</summary>
    public static bool IsDepartmentRole(string role) => role is DepartmentOperator or DepartmentHead;

    /// <summary>Roles that oversee every department of their cluster.</summary>
    public static bool IsOversight(string role) => role is PlatformAdmin or DataAuthority;
}

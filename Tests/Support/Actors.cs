using DataSharing.Common;

namespace DataSharing.Tests.Support;

public static class Actors
{
    public static Actor Operator(string department) => new($"op@{department}", Role.DepartmentOperator, department);

    public static Actor Head(string department) => new($"head@{department}", Role.DepartmentHead, department);

    public static readonly Actor Admin = new("admin", Role.PlatformAdmin, null);
}

namespace DataSharing.Departments;

public enum DepartmentLevel
{
    Province,
    City,
}

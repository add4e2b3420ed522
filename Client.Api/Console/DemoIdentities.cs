using DataSharing.Common;
using static DataSharing.Api.Console.ConsoleLanguage;

namespace DataSharing.Api.Console;

/// <summary>The identities the embedded demo's sign-in page offers: staff of the demo departments and oversight.</summary>
public static class DemoIdentities
{
    public sealed record Identity(string Group, string Label, string Role, string? Department)
    {
        /// <summary>What the sign-in form posts: "role|department".</summary>
        public string Value => $"{Role}|{Department}";
    }

    public static IReadOnlyList<Identity> All =>
    [
        Operator("340000-GA", "省公安厅", "Public Security"),
        Operator("340000-RS", "省人社厅", "Human Resources"),
        Operator("340000-SC", "省市场监管局", "Market Regulation"),
        Operator("340000-ZR", "省自然资源厅", "Natural Resources"),
        Operator("340100-GA", "合肥市公安局", "Hefei Public Security"),
        new(T("部门负责人", "Department heads"), T("省公安厅负责人", "Head, Public Security") + " (340000-GA)", Role.DepartmentHead, "340000-GA"),
        new(T("监管", "Oversight"), T("数据资源主管部门", "Data authority"), Role.DataAuthority, null),
        new(T("监管", "Oversight"), T("平台管理员", "Platform admin"), Role.PlatformAdmin, null),
    ];

    private static Identity Operator(string department, string chinese, string english) =>
        new(T("部门经办人", "Department operators"), $"{T(chinese, english)} ({department})", Role.DepartmentOperator, department);
}

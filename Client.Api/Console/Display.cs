using DataSharing.Common;
using static DataSharing.Api.Console.ConsoleLanguage;

namespace DataSharing.Api.Console;

/// <summary>Dates, times, working days and the domain's names as the console shows them, in the reader's language.</summary>
public static class Display
{
    /// <summary>2026年11月25日, or 25 Nov 2026.</summary>
    public static string Date(DateOnly date) => IsChinese ? $"{date.Year}年{date.Month}月{date.Day}日" : date.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The Shanghai date and time of an instant: 2026年11月25日 14:05.</summary>
    public static string Time(DateTimeOffset instant)
    {
        var local = instant.ToOffset(ShanghaiTime.Offset);
        return $"{Date(DateOnly.FromDateTime(local.DateTime))} {local:HH:mm}";
    }

    public static string Time(DateTimeOffset? instant) => instant is { } i ? Time(i) : "—";

    /// <summary>剩余3个工作日 / 今日到期 / 已逾期2个工作日, from the working days between today and the due date.</summary>
    public static string WorkingDaysLeft(WorkingDaysLeft left) => left switch
    {
        { Overdue: true, Days: 0 } => T("已逾期", "overdue"),
        { Overdue: true } => T($"已逾期{left.Days}个工作日", $"overdue by {left.Days} working day{(left.Days == 1 ? "" : "s")}"),
        { Days: 0 } => T("今日到期", "due today"),
        _ => T($"剩余{left.Days}个工作日", $"{left.Days} working day{(left.Days == 1 ? "" : "s")} left"),
    };

    public static string Status(string status) => IsChinese && Statuses.TryGetValue(status, out var zh) ? zh : Spaced(status);

    public static string Kind(string kind) => Kinds.TryGetValue(kind, out var name) ? T(name.Zh, name.En) : Spaced(kind);

    public static string Action(string action) => IsChinese && Actions.TryGetValue(action, out var zh) ? zh : action;

    public static string Role(string role) => IsChinese && Roles.TryGetValue(role, out var zh) ? zh : Spaced(role);

    /// <summary>"AwaitingProvider" → "Awaiting provider".</summary>
    private static string Spaced(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    private static readonly Dictionary<string, string> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AwaitingProvider"] = "待答复", ["Overdue"] = "已逾期", ["Granted"] = "已同意", ["Refused"] = "已拒绝", ["Withdrawn"] = "已撤回",
        ["Expired"] = "已到期", ["Revoked"] = "已撤销", ["Draft"] = "草稿", ["Published"] = "已发布", ["Retired"] = "已停用",
        ["Open"] = "办理中", ["Closed"] = "已办结", ["Filed"] = "已提交", ["Routed"] = "已转办", ["Confirmed"] = "已确认",
        ["Corrected"] = "已更正", ["Escalated"] = "已上报", ["Resolved"] = "已解决", ["Negotiating"] = "协商中", ["Ruled"] = "已裁定",
        ["Issued"] = "已下发", ["Rectified"] = "已整改", ["Declared"] = "已申报", ["Approved"] = "已批准", ["Rejected"] = "已驳回",
        ["AwaitingRouting"] = "待转办", ["Verifying"] = "核实中", ["Dismissed"] = "已驳回", ["Reported"] = "已报告",
        ["GovernmentOrdered"] = "政府责令整改", ["Serious"] = "情节严重", ["AwaitingUpdate"] = "待更新目录", ["UpdateOverdue"] = "目录更新逾期",
        ["AwaitingReport"] = "待报告", ["ReportOverdue"] = "报告逾期", ["Forwarded"] = "已转送",
        ["Unconditional"] = "无条件共享", ["Conditional"] = "有条件共享", ["NotShared"] = "不予共享",
    };

    private static readonly Dictionary<string, (string Zh, string En)> Kinds = new()
    {
        [Cases.CaseKinds.ShareRequest] = ("共享申请", "Share request"),
        [Cases.CaseKinds.Review] = ("异议核实", "Review"),
        [Cases.CaseKinds.CatalogEntry] = ("目录条目", "Catalog entry"),
        [Cases.CaseKinds.CatalogChange] = ("目录变更", "Catalog change"),
        [Cases.CaseKinds.RectificationNotice] = ("整改通知", "Rectification notice"),
        [Cases.CaseKinds.Conflict] = ("数据冲突", "Conflict"),
        [Cases.CaseKinds.PersonalizedCatalogRequest] = ("个性化目录申请", "Personalized catalog request"),
        [Cases.CaseKinds.Incident] = ("安全事件", "Incident"),
        [Cases.CaseKinds.IncidentNotice] = ("安全事件通知", "Incident notice"),
        [Cases.CaseKinds.EmergencyOpening] = ("应急开放", "Emergency opening"),
        [Cases.CaseKinds.OpenDataApplication] = ("开放数据申请", "Open data application"),
    };

    private static readonly Dictionary<string, string> Actions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["submit"] = "提交", ["approve"] = "同意", ["refuse"] = "拒绝", ["withdraw"] = "撤回", ["revoke"] = "撤销", ["overdue"] = "逾期",
        ["expire"] = "到期", ["recompute-deadline"] = "重算期限", ["file"] = "提交", ["route"] = "转办", ["extend"] = "延期",
        ["confirm"] = "确认", ["correct"] = "更正", ["publish"] = "发布", ["draft"] = "起草", ["edit"] = "修改", ["retire"] = "停用",
        ["issue"] = "下发", ["report"] = "报告", ["accept"] = "通过", ["reject"] = "不通过", ["escalate"] = "上报", ["government-order"] = "政府责令",
        ["serious"] = "情节严重", ["open"] = "提出", ["add-party"] = "增加当事方", ["state-position"] = "陈述意见", ["propose"] = "提出方案",
        ["agree"] = "达成一致", ["rule"] = "裁定", ["dismiss"] = "驳回", ["declare"] = "申报", ["update"] = "更新目录",
    };

    /// <summary>The eight kinds of violation of Art 43, in the article's words (shortened where long).</summary>
    public static string Category(DataSharing.Supervision.ViolationCategory category) =>
        IsChinese && Categories.TryGetValue(category, out var zh) ? zh : Spaced(category.ToString());

    private static readonly Dictionary<DataSharing.Supervision.ViolationCategory, string> Categories = new()
    {
        [DataSharing.Supervision.ViolationCategory.ProjectsNotBuiltAsRequired] = "未按照规定建设政务数据资源、政务信息化项目",
        [DataSharing.Supervision.ViolationCategory.CatalogNotCompiled] = "未按照规定编制本部门政务数据资源目录",
        [DataSharing.Supervision.ViolationCategory.CollectionNotPerCatalog] = "未按照目录采集、重复或多头采集政务数据",
        [DataSharing.Supervision.ViolationCategory.SharingRefusedOrDelayed] = "拒绝、推诿归集或者共享政务数据",
        [DataSharing.Supervision.ViolationCategory.DataNotUpdatedOrReviewed] = "未按照规定更新或者复核政务数据",
        [DataSharing.Supervision.ViolationCategory.ObtainableDataDemanded] = "要求提供可从共享系统获取的政务数据",
        [DataSharing.Supervision.ViolationCategory.DataNotOpened] = "未按照规定开放政务数据资源",
        [DataSharing.Supervision.ViolationCategory.SecurityDutiesNotFulfilled] = "未按照规定履行数据安全保护职责",
    };

    private static readonly Dictionary<string, string> Roles = new()
    {
        [Common.Role.DepartmentOperator] = "部门经办人", [Common.Role.DepartmentHead] = "部门负责人", [Common.Role.PlatformAdmin] = "平台管理员",
        [Common.Role.DataAuthority] = "数据资源主管部门", [Common.Role.Public] = "公众",
    };
}

using System.Globalization;
using System.Text;
using DataSharing.Api.Auth;
using DataSharing.Audit;
using DataSharing.Common;

namespace DataSharing.Api.Endpoints;

public static class AuditEndpoints
{
    public const int MaxPage = PageRequest.MaxLimit;

    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit");

        group.MapGet("/", async (string? department, string? caseId, string? order, string? after, int? limit, HttpContext http, IGrainFactory grains) =>
        {
            Require.OptionalId(department, "department");
            Require.OptionalId(caseId, "caseId");
            return order switch
            {
                null or "oldest" => await Records(grains, http.User.AuditScope(department), caseId, limit, after),
                "newest" => await Newest(grains, http.User.AuditScope(department), caseId, limit, after),
                _ => throw new ValidationFailedException("order", "order is oldest (chain order, the default) or newest."),
            };
        })
        .WithSummary("Audit records (Art 38-41), oldest first, or newest first with order=newest; a page (limit, after).");

        group.MapGet("/verify", async (IGrainFactory grains) => await grains.GetGrain<IAuditGrain>(0).Verify())
            .RequireAuthorization(Policies.Oversight)
            .WithSummary("Recomputes the hash chain and names the first record that does not hold.");

        group.MapGet("/export", (string? department, string? caseId, HttpContext http, IGrainFactory grains) =>
        {
            Require.OptionalId(department, "department");
            Require.OptionalId(caseId, "caseId");
            return CsvText.Stream(http, "audit.csv",
                ["sequence", "at", "actor", "role", "actorDepartment", "departments", "caseKind", "caseId", "action", "before", "after", "previousHash", "hash"],
                Pages(grains.GetGrain<IAuditGrain>(0), department, caseId));
        })
        .RequireAuthorization(Policies.Oversight)
        .WithSummary("The audit records as CSV, with their hashes, for archiving or an auditor's own verification.");
    }

    /// <summary>A page of the chain's records of one department or case, oldest first.</summary>
    public static async Task<Page<AuditRecord>> Records(IGrainFactory grains, string? department, string? caseId, int? limit, string? after)
    {
        var page = PageRequest.Of(limit, after);
        var from = Cursor.Parts(page.After, 1) is { } parts ? Cursor.Long(parts[0]) : 0;
        var records = await grains.GetGrain<IAuditGrain>(0).Query(new AuditFilter(department, caseId, from, page.Limit + 1));
        return Page<AuditRecord>.Of(records, page.Limit, r => Cursor.Of(Cursor.Of(r.Sequence)));
    }

    /// <summary>A page of the chain's records of one department or case, newest first (the head of the chain first).</summary>
    public static async Task<Page<AuditRecord>> Newest(IGrainFactory grains, string? department, string? caseId, int? limit, string? after)
    {
        var page = PageRequest.Of(limit, after);
        var before = Cursor.PartsFor(page.After, NewestList, 1) is { } parts ? Cursor.Long(parts[0]) : long.MaxValue;
        var records = await grains.GetGrain<IAuditGrain>(0).Query(new AuditFilter(department, caseId, Limit: page.Limit + 1, BeforeSequence: before));
        return Page<AuditRecord>.Of(records, page.Limit, r => Cursor.For(NewestList, Cursor.Of(r.Sequence)));
    }

    private const string NewestList = "audit/newest";

    private static async IAsyncEnumerable<IEnumerable<IEnumerable<string>>> Pages(IAuditGrain audit, string? department, string? caseId)
    {
        for (var after = 0L; ;)
        {
            var page = await audit.Query(new AuditFilter(department, caseId, after, MaxPage));
            yield return page.Select(r => new[]
            {
                r.Sequence.ToString(CultureInfo.InvariantCulture), r.Entry.At.ToString("O", CultureInfo.InvariantCulture), r.Entry.By.Subject,
                r.Entry.By.Role, r.Entry.By.Department ?? "", string.Join(' ', r.Entry.Departments), r.Entry.CaseKind, r.Entry.CaseId,
                r.Entry.Action, r.Entry.Before ?? "", r.Entry.After ?? "", r.PreviousHash, r.Hash,
            });
            if (page.Count < MaxPage)
            {
                yield break;
            }

            after = page[^1].Sequence;
        }
    }
}

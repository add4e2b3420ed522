using System.Globalization;
using System.Text;
using DataSharing.Api.Auth;
using DataSharing.Audit;
using DataSharing.Common;

namespace DataSharing.Api.Endpoints;

public static class AuditEndpoints
{
    public const int MaxPage = 1000;

    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit");

        group.MapGet("/", async (string? department, string? caseId, long? after, int? limit, HttpContext http, IGrainFactory grains) =>
        {
            Require.OptionalId(department, "department");
            Require.OptionalId(caseId, "caseId");
            if (after is < 0)
            {
                throw new ValidationFailedException("after", $"after is {after}; it is a sequence number, 0 or more.");
            }

            // A department reads the records of its own acts and cases; oversight reads everything.
            var scope = http.User.HasOversight() ? department : http.User.Department();
            if (department is not null && department != scope)
            {
                throw new NotEntitledException($"The audit records of {department} are for that department and oversight.");
            }

            if (limit is < 1 or > MaxPage)
            {
                throw new ValidationFailedException("limit", $"limit is between 1 and {MaxPage}.");
            }

            return await grains.GetGrain<IAuditGrain>(0).Query(new AuditFilter(scope, caseId, after ?? 0, limit ?? MaxPage));
        })
        .WithSummary("Audit records (Art 38-41), oldest first; page with ?after=<sequence>.");

        group.MapGet("/verify", async (IGrainFactory grains) => await grains.GetGrain<IAuditGrain>(0).Verify())
            .RequireAuthorization(Policies.Oversight)
            .WithSummary("Recomputes the hash chain and names the first record that does not hold.");

        group.MapGet("/export", async (string? department, string? caseId, HttpContext http, IGrainFactory grains) =>
        {
            Require.OptionalId(department, "department");
            Require.OptionalId(caseId, "caseId");
            var csv = new StringBuilder("sequence,at,actor,role,actorDepartment,departments,caseKind,caseId,action,before,after,previousHash,hash\n");
            var audit = grains.GetGrain<IAuditGrain>(0);
            for (var after = 0L; ;)
            {
                var page = await audit.Query(new AuditFilter(department, caseId, after, MaxPage));
                foreach (var r in page)
                {
                    var e = r.Entry;
                    csv.AppendRow(
                    [
                        r.Sequence.ToString(CultureInfo.InvariantCulture), e.At.ToString("O", CultureInfo.InvariantCulture), e.By.Subject, e.By.Role,
                        e.By.Department ?? "", string.Join(' ', e.Departments), e.CaseKind, e.CaseId, e.Action, e.Before ?? "", e.After ?? "",
                        r.PreviousHash, r.Hash,
                    ]);
                }

                if (page.Count < MaxPage)
                {
                    break;
                }

                after = page[^1].Sequence;
            }

            return CsvText.Result(csv, "audit.csv");
        })
        .RequireAuthorization(Policies.Oversight)
        .WithSummary("The audit records as CSV, with their hashes, for archiving or an auditor's own verification.");
    }
}

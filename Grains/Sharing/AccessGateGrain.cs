using DataSharing.Audit;
using DataSharing.Catalog;
using DataSharing.Common;
using Orleans.Concurrency;

namespace DataSharing.Sharing;

[StatelessWorker]
public sealed class AccessGateGrain(IShareRequestReadModel readModel, IAuditLog audit, PlatformClock clock) : Grain, IAccessGateGrain
{
    public async Task<AccessCheckRecord> Check(AccessCheckRequest request, Actor by)
    {
        AccessRules.ValidateCheck(request);
        if (await GrainFactory.GetGrain<ICatalogEntryGrain>(request.EntryCode).Get() is not { } entry)
        {
            throw new ValidationFailedException("entryCode", $"No catalog entry has the code '{request.EntryCode}'.");
        }

        AccessRules.ValidateCheck(request, entry.Content);

        var granted = await readModel.Query(new ShareRequestFilter(
            Requester: request.Department, EntryCode: request.EntryCode, Statuses: [ShareRequestStatus.Granted]));
        var decisions = await Task.WhenAll(granted.Select(row => GrainFactory.GetGrain<IShareRequestGrain>(row.Id).EvaluateUse(request)));

        // Allowed by any grant; otherwise the refusal that leaves the fewest items uncovered explains best.
        var decision = decisions.FirstOrDefault(d => d.Allowed)
            ?? decisions.OrderBy(d => d.DeniedItems.Count).FirstOrDefault()
            ?? new AccessDecision(false,
                $"{request.Department} holds no granted share request for {request.EntryCode}; submit one (unconditional data is granted at once).",
                null, request.DataItems.Distinct().ToList());

        var now = clock.Now;
        var record = new AccessCheckRecord($"AC-{Guid.NewGuid():N}", request, decision, now, by);
        await GrainFactory.GetGrain<IAccessLogGrain>(AccessLogKey(request.Department, ShanghaiTime.DateOf(now))).Append(record);

        // The check is answered only once the audit log has it (Art 38: the user answers for its use of shared data).
        await audit.Append([new AuditEntry(record.Id, now, by, [request.Department, entry.Content.ProviderDepartment], "AccessCheck",
            record.Id, "access-check", $"{request.EntryCode}: {string.Join(",", request.DataItems)} for \"{request.Scenario}\"",
            $"{(decision.Allowed ? "allowed" : "denied")}: {decision.Reason}")]);
        return record;
    }

    public static string AccessLogKey(string department, DateOnly date) => $"{department}/{date:yyyy-MM-dd}";
}

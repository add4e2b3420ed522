using DataSharing.Api.Auth;
using DataSharing.Api.Contracts;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Conflicts;

namespace DataSharing.Api.Endpoints;

public static class ConflictEndpoints
{
    public static void MapConflicts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/conflicts").WithTags("Conflicts");

        group.MapCaseList(CaseKinds.Conflict, "Data conflicts (Art 27), including those detected automatically");

        // Open to any authenticated caller: the grain admits a party department's staff and the platform admin.
        group.MapPost("/", async (ConflictBody body, HttpContext http, IGrainFactory grains, TimeProvider time) =>
        {
            var caller = http.User.ToActor();
            ConflictRules.EnsureMayOpen(caller);
            Require.Items(body.Parties, "parties", ConflictRules.MaxParties, "Art 27");
            var conflict = new OpenConflict(body.Classification ?? "", body.DataItem ?? "",
                (body.Parties ?? []).Select(p => new ConflictParty(p.Department ?? "", string.IsNullOrWhiteSpace(p.EntryCode) ? null : p.EntryCode)).ToList(),
                body.Description ?? "", body.StandardElementCode);
            ConflictRules.ValidateSubject(conflict);
            var claim = await IdempotentCreation.Claim(http, grains, "conflict", caller, conflict,
                CaseIds.Factory("CF", time),
                async id => await grains.GetGrain<IConflictGrain>(id).Get() is not null);
            var opened = await grains.GetGrain<IConflictGrain>(claim.ResourceId).Open(conflict, caller);
            return Results.Created($"/api/conflicts/{opened.Id}", opened);
        })
        .WithSummary("Opens a conflict: departments providing inconsistent data of one category (Art 27). By a party department or the platform admin.");

        group.MapGet("/{id}", async (string id, HttpContext http, IGrainFactory grains) =>
        {
            var conflict = await grains.GetGrain<IConflictGrain>(id).Get() ?? throw new NotFoundException("Conflict", id);
            http.User.EnsureMaySee($"Conflict {id}", conflict.Parties.Select(p => p.Department).ToArray());
            return conflict;
        })
        .WithSummary("One conflict, for its departments and oversight.");

        group.MapPost("/{id}/positions", async (string id, PositionBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IConflictGrain>(id).StatePosition(body.Position ?? "", http.User.ToActor()))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("A party department states what it holds the data to be.");

        group.MapPost("/{id}/proposal", async (string id, PositionBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IConflictGrain>(id).Propose(body.Position ?? "", http.User.ToActor()))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("A party proposes one agreed position (replacing any earlier proposal).");

        group.MapPost("/{id}/accept", async (string id, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IConflictGrain>(id).Accept(http.User.ToActor()))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("A party accepts the proposal; once every party has, the conflict is resolved by agreement.");

        group.MapPost("/{id}/ruling", async (string id, RulingBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IConflictGrain>(id).Rule(body.Ruling ?? "", body.SourceDepartment, http.User.ToActor()))
            .RequireAuthorization(Policies.DataAuthority)
            .WithSummary("The data authority rules on a conflict escalated after the negotiation window (Art 27).");

        group.MapPost("/{id}/dismiss", async (string id, ReasonBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IConflictGrain>(id).Dismiss(body.Reason ?? "", http.User.ToActor()))
            .RequireAuthorization(Policies.Oversight)
            .WithSummary("Closes a conflict found to be none, with the reason.");
    }
}

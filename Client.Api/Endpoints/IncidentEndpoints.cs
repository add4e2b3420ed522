using DataSharing.Api.Auth;
using DataSharing.Api.Contracts;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Incidents;

namespace DataSharing.Api.Endpoints;

public static class IncidentEndpoints
{
    public static void MapIncidents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/incidents").WithTags("Security incidents");

        group.MapCaseList(CaseKinds.Incident, "Security incidents (Art 41) on your department's entries, or every department's for oversight");

        group.MapPost("/", async (IncidentBody body, HttpContext http, IGrainFactory grains, TimeProvider time) =>
        {
            var caller = http.User.ToActor();
            if (caller.Role != Role.DataAuthority && !Role.IsDepartmentRole(caller.Role))
            {
                throw new NotEntitledException("Incidents are recorded by the data authority or the entry's department (Art 41).");
            }

            var report = new ReportIncident(body.EntryCode ?? "", body.Description ?? "",
                body.OccurredAt ?? throw new ValidationFailedException("occurredAt", "occurredAt is when the incident happened (Art 41).", "Art 41"),
                body.AffectedRecords ?? "", body.LeakFrom, body.LeakTo, body.SuspendGrants ?? false);
            IncidentRules.ValidateReport(report, now: null);
            var claim = await IdempotentCreation.Claim(http, grains, "incident", caller, report,
                CaseIds.Factory("IN", time),
                async id => await grains.GetGrain<IIncidentGrain>(id).Get() is not null);
            var incident = await grains.GetGrain<IIncidentGrain>(claim.ResourceId).Record(report, caller);
            return Results.Created($"/api/incidents/{incident.Id}", incident);
        })
        .WithSummary("Records a security incident on a catalog entry, suspends its grants if asked, and informs the departments that hold or used its data (Art 41).");

        group.MapGet("/{id}", async (string id, HttpContext http, IGrainFactory grains) =>
        {
            var incident = await grains.GetGrain<IIncidentGrain>(id).Get() ?? throw new NotFoundException("Incident", id);
            http.User.EnsureMaySee($"Incident {id}", incident.ProviderDepartment);
            return incident;
        })
        .WithSummary("One incident with its timeline, for the entry's department and oversight.");

        group.MapPost("/{id}/close", async (string id, CloseIncidentBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IIncidentGrain>(id).Close(body.Remedy ?? "", http.User.ToActor()))
            .WithSummary("Closes an incident with what was done about it, lifting its suspension (the data authority or the entry's department).");

        var notices = group.MapGroup("/notices");

        notices.MapCaseList(CaseKinds.IncidentNotice, "Incident notices (Art 41) your department must acknowledge");

        notices.MapGet("/{id}", async (string id, HttpContext http, IGrainFactory grains) =>
        {
            var notice = await grains.GetGrain<IIncidentNoticeGrain>(id).Get() ?? throw new NotFoundException("Incident notice", id);
            http.User.EnsureMaySee($"Incident notice {id}", notice.Facts.Department);
            return notice;
        })
        .WithSummary("One incident notice, for the department informed and oversight.");

        notices.MapPost("/{id}/acknowledge", async (string id, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IIncidentNoticeGrain>(id).Acknowledge(http.User.ToActor()))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("Acknowledges your department's notice of an incident (by the rulebook's working days, else an Art 43(8) violation).");
    }
}

using DataSharing.Api.Auth;
using DataSharing.Api.Contracts;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Supervision;

namespace DataSharing.Api.Endpoints;

public static class NoticeEndpoints
{
    public static void MapNotices(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notices").WithTags("Rectification notices");

        group.MapCaseList(CaseKinds.RectificationNotice, "Rectification notices (Art 43)");

        group.MapPost("/", async (NoticeBody body, HttpContext http, IGrainFactory grains, TimeProvider time) =>
        {
            var caller = http.User.ToActor();
            var notice = new IssueNotice(body.Department ?? "",
                body.Category ?? throw new ValidationFailedException("category", "category is one of the eight of Art 43.", "Art 43"),
                body.Findings ?? "",
                body.RectifyBy ?? throw new ValidationFailedException("rectifyBy", "rectifyBy is the deadline the authority sets (Art 43).", "Art 43"),
                body.RelatedCaseId);
            NoticeRules.ValidateIssue(notice);
            var claim = await IdempotentCreation.Claim(http, grains, "notice", caller, notice,
                CaseIds.Factory("RN", time),
                async id => await grains.GetGrain<IRectificationNoticeGrain>(id).Get() is not null);
            var issued = await grains.GetGrain<IRectificationNoticeGrain>(claim.ResourceId).Issue(notice, caller);
            return Results.Created($"/api/notices/{issued.Id}", issued);
        })
        .RequireAuthorization(Policies.DataAuthority)
        .WithSummary("Issues a rectification notice with a deadline (Art 43).");

        group.MapGet("/{id}", async (string id, HttpContext http, IGrainFactory grains) =>
        {
            var notice = await grains.GetGrain<IRectificationNoticeGrain>(id).Get() ?? throw new NotFoundException("Rectification notice", id);
            http.User.EnsureMaySee($"Notice {id}", notice.Notice.Department);
            return notice;
        })
        .WithSummary("One notice, for its department and oversight.");

        group.MapPost("/{id}/report", async (string id, ReportBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IRectificationNoticeGrain>(id).ReportRectification(body.Report ?? "", http.User.ToActor()))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("The department reports its rectification.");

        group.MapPost("/{id}/decision", async (string id, DecisionBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IRectificationNoticeGrain>(id).Decide(
                body.Accept ?? throw new ValidationFailedException("accept", "accept is true or false."), body.Reason, http.User.ToActor()))
            .RequireAuthorization(Policies.DataAuthority)
            .WithSummary("The data authority accepts the rectification or rejects it.");

        group.MapPost("/{id}/government-order", async (string id, GovernmentOrderBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IRectificationNoticeGrain>(id).RecordGovernmentOrder(
                body.RectifyBy ?? throw new ValidationFailedException("rectifyBy", "rectifyBy is required.", "Art 43"), body.Order ?? "", http.User.ToActor()))
            .RequireAuthorization(Policies.DataAuthority)
            .WithSummary("Records the people's government's order to correct by a new deadline, after an escalation.");

        app.MapGet("/api/violations", async (int? limit, string? after, IGrainFactory grains) =>
            await grains.GetGrain<IViolationLogGrain>(0).List(PageRequest.Of(limit, after)))
        .RequireAuthorization(Policies.Oversight)
        .WithTags("Rectification notices")
        .WithSummary("The authority's queue: every violation record of every department, each linked to its case; newest first, a page (limit, after).");
    }
}

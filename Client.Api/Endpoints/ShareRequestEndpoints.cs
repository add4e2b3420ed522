using DataSharing.Api.Auth;
using DataSharing.Api.Contracts;
using DataSharing.Common;
using DataSharing.Sharing;

namespace DataSharing.Api.Endpoints;

public static class ShareRequestEndpoints
{
    public static void MapShareRequests(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/share-requests").WithTags("Share requests");

        group.MapPost("/", async (ShareRequestBody body, HttpContext http, IGrainFactory grains, TimeProvider time) =>
        {
            var caller = http.User.ToActor();
            var submission = body.ToSubmission(http.User.Department());
            ShareRequestRules.ValidateSubmission(submission);
            var claim = await IdempotentCreation.Claim(http, grains, "share-request", caller, submission, CaseIds.Factory("SR", time),
                async id => await grains.GetGrain<IShareRequestGrain>(id).Get() is not null);
            var request = await grains.GetGrain<IShareRequestGrain>(claim.ResourceId).Submit(submission, caller);
            return Results.Created($"/api/share-requests/{request.Id}", request);
        })
        .RequireAuthorization(Policies.DepartmentStaff)
        .WithSummary("Submits a share request for your department (Art 21, 24, 25). Send an Idempotency-Key to retry safely.");

        group.MapGet("/inbox", async (int? limit, string? after, HttpContext http, IGrainFactory grains) =>
            await Queries(grains).Inbox(http.User.Department(), PageRequest.Of(limit, after)))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("Requests awaiting your department's answer, soonest due first; a page (limit, after).");

        group.MapGet("/outbox", async (int? limit, string? after, HttpContext http, IGrainFactory grains) =>
            await Queries(grains).Outbox(http.User.Department(), PageRequest.Of(limit, after)))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("Requests your department submitted, newest first; a page (limit, after).");

        group.MapGet("/overdue", async (int? limit, string? after, IGrainFactory grains) =>
            await Queries(grains).Overdue(PageRequest.Of(limit, after)))
            .RequireAuthorization(Policies.Oversight)
            .WithSummary("Every overdue request of the cluster (Art 43(4)), longest overdue first; a page (limit, after).");

        group.MapGet("/{id}", async (string id, HttpContext http, IGrainFactory grains) =>
        {
            var request = await grains.GetGrain<IShareRequestGrain>(id).Get() ?? throw new NotFoundException("Share request", id);
            http.User.EnsureMaySee($"Share request {id}", request.Submission.RequesterDepartment, request.ProviderDepartment);
            return request;
        })
        .WithSummary("One share request, for the two departments involved and for oversight.");

        group.MapPost("/{id}/approve", async (string id, ApproveBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IShareRequestGrain>(id).Approve(new ApproveShareRequest(body.DataItems, body.ValidFrom, body.ValidTo, body.Note), http.User.ToActor()))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("The provider approves, optionally narrowing the data items and the period.");

        group.MapPost("/{id}/refuse", async (string id, RefuseBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IShareRequestGrain>(id).Refuse(new RefuseShareRequest(body.Reason ?? "", body.LegalBasis ?? ""), http.User.ToActor()))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("The provider refuses, with reason and legal basis (Art 21, 25).");

        group.MapPost("/{id}/withdraw", async (string id, ReasonBody body, HttpContext http, IGrainFactory grains) =>
        {
            var request = await grains.GetGrain<IShareRequestGrain>(id).Withdraw(body.Reason, http.User.ToActor());
            // Another platform owns the case: the withdrawal is on its way there (202); the copy's next version shows the answer.
            return request is { ProviderPlatform: not null, Status: not ShareRequestStatus.Withdrawn }
                ? Results.Accepted($"/api/share-requests/{id}", request)
                : Results.Ok(request);
        })
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("The requester withdraws a request not yet answered; one another platform owns is withdrawn there (202, Art 23).");

        group.MapPost("/{id}/revoke", async (string id, ReasonBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IShareRequestGrain>(id).Revoke(body.Reason ?? "", http.User.ToActor()))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("The provider revokes a grant, with a reason.");
    }

    private static IShareRequestQueryGrain Queries(IGrainFactory grains) => grains.GetGrain<IShareRequestQueryGrain>(0);
}

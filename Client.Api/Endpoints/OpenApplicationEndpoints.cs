using DataSharing.Api.Auth;
using DataSharing.Api.Contracts;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.OpenData;

namespace DataSharing.Api.Endpoints;

/// <summary>
/// Applications for conditionally open data (Art 36): a member of the public applies, the provider approves with
/// conditions or refuses within the rulebook's working days; the approved applicant downloads through the open
/// download path with application={id}.
/// </summary>
public static class OpenApplicationEndpoints
{
    public static void MapOpenApplications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/open/applications").WithTags("Open data");

        group.MapGet("/", async (string? status, bool? open, string? department, int? limit, string? after, HttpContext http, IGrainFactory grains) =>
        {
            Require.OptionalId(department, "department");
            Require.OptionalLine(status, "status");
            var page = PageRequest.Of(limit, after);
            var caller = http.User.ToActor();
            var list = caller.Role == Role.Public
                ? department is null ? OpenApplicationRules.ApplicantList(caller.Subject) : throw new NotEntitledException("A member of the public lists its own applications.")
                : CaseLists.DepartmentFor(http.User, department);
            return await grains.GetGrain<ICaseListGrain>(0).List(new CaseListQuery(CaseKinds.OpenDataApplication, list, status, open), page);
        })
        .WithSummary("Applications for conditionally open data: the provider's (its staff), your own (a member of the public), or every department's "
            + "(oversight); status=, open=; soonest due first; a page (limit, after).");

        group.MapPost("/", async (OpenApplicationBody body, HttpContext http, IGrainFactory grains, TimeProvider time) =>
        {
            var applicant = http.User.ToActor();
            if (applicant.Role != Role.Public)
            {
                throw new NotEntitledException("Conditionally open data is applied for by members of the public (Art 36); departments use share requests.");
            }

            var application = new OpenApplication(body.EntryCode ?? "", body.Purpose ?? "", body.DataItems ?? [],
                Require.Date(body.PeriodFrom, "periodFrom", OpenApplicationRules.Article), Require.Date(body.PeriodTo, "periodTo", OpenApplicationRules.Article));
            OpenApplicationRules.Validate(application);
            var claim = await IdempotentCreation.Claim(http, grains, "open-application", applicant, application,
                CaseIds.Factory("OA", time),
                async id => await grains.GetGrain<IOpenApplicationGrain>(id).Get() is not null);
            var filed = await grains.GetGrain<IOpenApplicationGrain>(claim.ResourceId).Apply(application, applicant);
            return Results.Created($"/api/open/applications/{filed.Id}", filed);
        })
        .WithSummary("A member of the public applies for conditionally open data (Art 36): entry, purpose, data items, period. The provider's answer "
            + "is due within the rulebook's working days (Art 36 gives none; 7 like Art 25).");

        group.MapGet("/{id}", async (string id, HttpContext http, IGrainFactory grains) =>
        {
            var application = await grains.GetGrain<IOpenApplicationGrain>(id).Get() ?? throw new NotFoundException("Open data application", id);
            var caller = http.User.ToActor();
            if (!(caller.Role == Role.Public && caller.Subject == application.Applicant.Subject))
            {
                http.User.EnsureMaySee($"Application {id}", application.ProviderDepartment);
            }

            return application;
        })
        .WithSummary("One application: for its applicant, the provider and oversight.");

        group.MapPost("/{id}/approve", async (string id, OpenApplicationApprovalBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IOpenApplicationGrain>(id).Approve(body.Conditions ?? "", body.DataItems, http.User.ToActor()))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("The provider approves with conditions, optionally for fewer data items than applied for.");

        group.MapPost("/{id}/refuse", async (string id, RefuseBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IOpenApplicationGrain>(id).Refuse(body.Reason ?? "", body.LegalBasis ?? "", http.User.ToActor()))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("The provider refuses, with a reason and its legal basis.");
    }
}

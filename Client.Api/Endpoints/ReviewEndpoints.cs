using System.Security.Claims;
using DataSharing.Api.Auth;
using DataSharing.Api.Contracts;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Reviews;

namespace DataSharing.Api.Endpoints;

public static class ReviewEndpoints
{
    public static void MapReviews(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reviews").WithTags("Reviews");

        group.MapCaseList(CaseKinds.Review, "Reviews (Art 26) filed by or with your department");

        group.MapPost("/", async (ReviewBody body, HttpContext http, IGrainFactory grains, TimeProvider time) =>
        {
            var applicant = http.User.ToActor();
            if (!Role.IsDepartmentRole(applicant.Role) && applicant.Role != Role.Public)
            {
                throw new NotEntitledException("Reviews are filed by departments and by the public (Art 26).");
            }

            var application = new FileReview(body.EntryCode ?? "", body.DataItems ?? [], body.Description ?? "",
                body.Route ?? throw new ValidationFailedException("route", "route is Provider or Platform (Art 26).", "Art 26"), body.Evidence);
            ReviewRules.ValidateApplication(application);
            var claim = await IdempotentCreation.Claim(http, grains, "review", applicant, application,
                CaseIds.Factory("RV", time),
                async id => await grains.GetGrain<IReviewGrain>(id).Get() is not null);
            var review = await grains.GetGrain<IReviewGrain>(claim.ResourceId).File(application, applicant);
            return Results.Created($"/api/reviews/{review.Id}", review);
        })
        .WithSummary("Files a review of doubted or wrong data (Art 26), with the provider or through the platform.");

        group.MapGet("/{id}", async (string id, HttpContext http, IGrainFactory grains) =>
        {
            var review = await grains.GetGrain<IReviewGrain>(id).Get() ?? throw new NotFoundException("Review", id);
            EnsureMaySee(http.User, review);
            return review;
        })
        .WithSummary("One review: for its applicant, the provider and oversight.");

        group.MapPost("/{id}/route", async (string id, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IReviewGrain>(id).Route(http.User.ToActor()))
            .RequireAuthorization(Policies.PlatformAdmin)
            .WithSummary("The platform admin has the provider verify a review filed through the platform.");

        group.MapPost("/{id}/extend", async (string id, ExtendBody body, HttpContext http, IGrainFactory grains) =>
            // A missing workingDays is 0, which the grain refuses as a 400 after it has checked who approves (403 first).
            await grains.GetGrain<IReviewGrain>(id).Extend(body.WorkingDays ?? 0, body.Reason ?? "", http.User.ToActor()))
            .WithSummary("The one extension (at most 7 working days from the old due date), by the provider's head or the platform admin.");

        group.MapPost("/{id}/confirm", async (string id, AnswerBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IReviewGrain>(id).Confirm(body.Explanation ?? "", http.User.ToActor()))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("The provider confirms the data is right, with an explanation.");

        group.MapPost("/{id}/correct", async (string id, AnswerBody body, HttpContext http, IGrainFactory grains) =>
            await grains.GetGrain<IReviewGrain>(id).Correct(body.Explanation ?? "", body.CorrectedEntryVersion, http.User.ToActor()))
            .RequireAuthorization(Policies.DepartmentStaff)
            .WithSummary("The provider corrects the data, naming the corrected version.");
    }

    /// <summary>Who may read a review: its applicant (the person, or staff of the applying department), the provider and oversight.</summary>
    public static void EnsureMaySee(ClaimsPrincipal user, ReviewView review)
    {
        var caller = user.ToActor();
        var applicant = caller.Subject == review.Applicant.Subject || (review.Applicant.Department is { } d && caller.ActsFor(d));
        if (!applicant)
        {
            user.EnsureMaySee($"Review {review.Id}", review.ProviderDepartment);
        }
    }
}

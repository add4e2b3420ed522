using DataSharing.Common;
using DataSharing.Sharing;

namespace DataSharing.Api.Contracts;

/// <summary>A share request as a client sends it; the requesting department is the caller's own.</summary>
public sealed record ShareRequestBody(
    string? EntryCode,
    IReadOnlyList<string>? DataItems,
    string? Scenario,
    string? DutyBasis,
    DateOnly? PeriodFrom,
    DateOnly? PeriodTo,
    IReadOnlyList<SubmittedMaterial>? Materials)
{
    public ShareRequestSubmission ToSubmission(string requester) => new()
    {
        RequesterDepartment = requester,
        EntryCode = EntryCode ?? "",
        DataItems = DataItems ?? [],
        Scenario = Scenario ?? "",
        DutyBasis = DutyBasis,
        // Checked here because a missing date would otherwise become 0001-01-01 and be reported as out of range.
        PeriodFrom = Require.Date(PeriodFrom, "periodFrom", "Art 21"),
        PeriodTo = Require.Date(PeriodTo, "periodTo", "Art 21"),
        Materials = Materials ?? [],
    };
}

public sealed record ApproveBody(IReadOnlyList<string>? DataItems, DateOnly? ValidFrom, DateOnly? ValidTo, string? Note);

public sealed record RefuseBody(string? Reason, string? LegalBasis);

public sealed record AccessCheckBody(string? EntryCode, IReadOnlyList<string>? DataItems, string? Scenario);

public sealed record DevTokenBody(string? Role, string? Department, string? Subject);

public sealed record DevTokenResponse(string Token, string Role, string? Department, DateTimeOffset ExpiresAt);

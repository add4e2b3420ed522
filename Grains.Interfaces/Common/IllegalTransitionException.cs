namespace DataSharing.Common;

/// <summary>An action that the case's current state does not allow (409 with the current state).</summary>
[GenerateSerializer, Alias("IllegalTransitionException")]
public sealed class IllegalTransitionException : DomainException
{
    public IllegalTransitionException() { }

    public IllegalTransitionException(string caseId, string currentState, string action, string? detail = null)
        : base(detail ?? $"Cannot {action} {caseId}: it is {currentState}.")
    {
        CaseId = caseId;
        CurrentState = currentState;
        Action = action;
    }

    [Id(0)] public string CaseId { get; set; } = "";
    [Id(1)] public string CurrentState { get; set; } = "";
    [Id(2)] public string Action { get; set; } = "";
}

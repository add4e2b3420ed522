namespace DataSharing.Reviews;

public enum ReviewAction
{
    Route,
    Extend,
    Confirm,
    Correct,
    MarkOverdue,
}

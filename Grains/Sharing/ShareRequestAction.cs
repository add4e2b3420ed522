namespace DataSharing.Sharing;

public enum ShareRequestAction
{
    Approve,
    Refuse,
    Withdraw,
    MarkOverdue,
    Revoke,
    Expire,
}

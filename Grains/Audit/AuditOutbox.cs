using Microsoft.Extensions.Logging;

namespace DataSharing.Audit;

/// <summary>
/// How a case keeps its audit entries without losing one to a crash: the entry is added to the case's state and
/// written with it, then appended to the log; what the log did not take stays in the state and is appended again
/// on the next write, tick or activation (appends are idempotent by entry id, so "again" never doubles a record).
/// </summary>
public static class AuditOutbox
{
    /// <returns>Whether nothing is left pending.</returns>
    public static async Task<bool> Flush(List<AuditEntry> pending, IAuditLog log, ILogger logger)
    {
        if (pending.Count == 0)
        {
            return true;
        }

        try
        {
            await log.Append(pending.ToList());
            pending.Clear();
            return true;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Appending {Count} audit entries failed; they stay with the case and are appended again.", pending.Count);
            return false;
        }
    }
}

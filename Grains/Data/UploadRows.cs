using DataSharing.Catalog;
using DataSharing.Quality;

namespace DataSharing.Data;

/// <summary>
/// Takes an upload's rows in order (Art 17, 19): each is checked against the entry's data items; a good one goes to
/// the writer, a bad one's errors are reported with its line and field (the first <see cref="MaxReportedErrors"/>) and
/// counted by rule and item. Under <see cref="BadRowPolicy.Reject"/> one bad row decides the upload: later good rows
/// are counted, not written. The entry's grain runs it on rows the API sends it (embedded mode); in cluster mode the API
/// process runs it itself under a <see cref="DataUploadTicket"/>: the same rules either way.
/// </summary>
public sealed class UploadRows(IReadOnlyList<DataItem> items, int? keyColumn, DateOnly today, BadRowPolicy badRows, IDataRecordWriter writer)
{
    /// <summary>Errors kept per upload: enough to correct a file, bounded so a garbage file cannot fill the store.</summary>
    public const int MaxReportedErrors = 10_000;

    /// <summary>Errors quoted in an upload's quality report; all of them are at .../errors.</summary>
    public const int MaxErrorsInReport = 20;

    private readonly RowCheck _check = new(items, keyColumn, today);
    private readonly QualityAccumulator _quality = new(MaxErrorsInReport);
    private long _reported;

    public long Received { get; private set; }

    public long WithErrors { get; private set; }

    public bool RejectsAll => badRows == BadRowPolicy.Reject && WithErrors > 0;

    /// <summary>The counts so far; with the quality report (Art 19) when the rows are all taken.</summary>
    public DataUploadProgress Progress(bool final = false) => new(Received, WithErrors, final ? _quality.ToReport() : null);

    public async ValueTask Take(DataRow row, CancellationToken cancellationToken = default)
    {
        var errors = _check.Check(row, out var key);
        _quality.Add(errors);
        Received++;
        if (errors.Count > 0)
        {
            WithErrors++;
            foreach (var error in errors)
            {
                if (_reported++ < MaxReportedErrors)
                {
                    await writer.Report(error, cancellationToken);
                }
            }
        }
        else if (!RejectsAll)
        {
            await writer.Add(key!, row.Values, cancellationToken);
        }
    }
}

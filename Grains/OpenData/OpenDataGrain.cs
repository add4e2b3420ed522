using DataSharing.Audit;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Data;
using Orleans.Concurrency;

namespace DataSharing.OpenData;

/// <summary>
/// Serves open downloads (Art 34-37). A stateless worker in every silo, reentrant (it holds no state): the entry comes
/// from the silo's cache, the permit from <see cref="OpenDataPermits"/>, the records from the record store; every
/// value passes through the permit's <see cref="Desensitizer"/>, and the download is in the audit log before it is
/// answered (Art 38, like a department's read).
/// </summary>
[StatelessWorker, Reentrant]
public sealed class OpenDataGrain(
    CatalogEntryCache catalog, OpenDataPermits permits, IDataRecordStore records, IAuditLog audit, OpenCursor cursors, PlatformClock clock)
    : Grain, IOpenDataGrain
{
    public const string CaseKind = "OpenDownload";

    public async Task<OpenDownload> Download(OpenDownloadRequest request, Actor by)
    {
        Require.Id(request.EntryCode, "code");
        Require.OptionalId(request.ApplicationId, "application");
        var page = cursors.Open(request.Page, request.EntryCode);
        // A copy of another platform's entry has no data here: that platform opens its own (Art 23).
        var entry = await catalog.Published(request.EntryCode) is { IsCopy: false } local
            ? local
            : throw new NotFoundException("Open dataset", request.EntryCode);

        var now = clock.Now;
        var id = $"OD-{Guid.CreateVersion7(now):N}";
        OpenDataPermit permit;
        try
        {
            permit = await permits.Decide(entry, by, request.ApplicationId, now);
        }
        catch (NotEntitledException e)
        {
            await Record(id, now, by, entry, request, $"refused: {e.Message}");
            throw;
        }

        var desensitizer = new Desensitizer(permit.Rules, permit.Items, "items");
        var positions = entry.Content.DataItems.Select((item, index) => (item.Name, index)).ToDictionary(p => p.Name, p => p.index, StringComparer.Ordinal);
        var indexes = permit.Items.Select(name => positions[name]).ToList();
        var read = await records.Read(entry.Code, indexes, page);
        var rows = read.Items.Select(r => (IReadOnlyList<string?>)desensitizer.Apply(r.Values)).ToList();

        await Record(id, now, by, entry, request,
            $"{rows.Count} records served ({permit.Basis}): {string.Join(",", desensitizer.Columns)}");
        return new OpenDownload(id, desensitizer.Columns, rows, cursors.Seal(read.Next, entry.Code), permit.Basis);
    }

    /// <summary>Who downloaded what, how many records, or why it was refused; the provider sees it in its audit records.</summary>
    private Task Record(string id, DateTimeOffset now, Actor by, CatalogEntryView entry, OpenDownloadRequest request, string outcome) =>
        audit.Append([new AuditEntry(id, now, by, [entry.Content.ProviderDepartment], CaseKind, entry.Code, "open-download",
            request.ApplicationId is { } application ? $"application {application}" : entry.Content.OpenType.ToString(), outcome)]);
}

using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Emergency;
using DataSharing.Tests.Incidents;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Emergency;

/// <summary>Art 35 (R17): the entries an emergency needs are opened until an expiry, and close by themselves at it.</summary>
public sealed class EmergencyOpeningTests(IncidentCluster platform) : IClassFixture<IncidentCluster>
{
    private IEmergencyOpeningGrain Opening(string id) => platform.Grains.GetGrain<IEmergencyOpeningGrain>(id);

    private ICatalogEntryGrain Entry(string code) => platform.Grains.GetGrain<ICatalogEntryGrain>(code);

    private Task<CatalogEntrySummary> Listed(string code) => CatalogRows.Listed(platform.Grains, code);

    private OpenEmergency Flood(TimeSpan lasting, params string[] entries) =>
        new(entries, "Flood on the Huai River: locating residents of the evacuation zone.", platform.Clock.GetUtcNow() + lasting, "hourly");

    [Fact]
    public async Task Art35_an_emergency_opening_marks_its_entries_and_ends_by_itself_at_its_expiry()
    {
        var opened = await Opening("EO-flood").Open(Flood(TimeSpan.FromDays(2), "340000-GA-0001", "340000-ZR-0001"), IncidentTests.Authority);
        Assert.Equal(EmergencyOpeningStatus.Open, opened.Status);
        Assert.Equal(["340000-GA", "340000-ZR"], opened.Providers);

        var entry = (await Entry("340000-GA-0001").Get())!;
        Assert.True(entry.EmergencyOpen);
        // The catalog list marks it as well.
        Assert.True((await Listed("340000-GA-0001")).EmergencyOpen);
        Assert.Equal(opened.Opening.Reason, Assert.Single(entry.EmergencyOpenings!).Reason);
        Assert.Equal("EO-flood", (await Entry("340000-ZR-0001").EmergencyOpeningNow())!.OpeningId);
        Assert.True(await Opening("EO-flood").IsOpenNow());

        // The same opening again is the same opening.
        Assert.Equal(opened.History.Count, (await Opening("EO-flood").Open(opened.Opening, IncidentTests.Authority)).History.Count);

        platform.AdvanceTo(opened.Opening.ExpiresAt + TimeSpan.FromMinutes(1));
        var expired = await Eventually.Get(() => Opening("EO-flood").Get(), o => o!.Status == EmergencyOpeningStatus.Expired);
        Assert.Equal(EmergencyOpeningStatus.Expired, expired!.Status);
        Assert.False(await Opening("EO-flood").IsOpenNow());
        Assert.False((await Entry("340000-GA-0001").Get())!.EmergencyOpen);
        Assert.False((await Listed("340000-GA-0001")).EmergencyOpen);
        Assert.Null(await Entry("340000-ZR-0001").EmergencyOpeningNow());
        Assert.Equal(["open", "expire"], expired.History.Select(h => h.Action));

        var audit = await platform.Grains.GetGrain<DataSharing.Audit.IAuditGrain>(0).Query(new DataSharing.Audit.AuditFilter(CaseId: "EO-flood"));
        Assert.Equal(["open", "expire"], audit.Select(a => a.Entry.Action));
    }

    [Fact]
    public async Task Art35_the_data_authority_opens_any_entry_a_department_head_only_its_own_and_nobody_else()
    {
        var gaOnly = Flood(TimeSpan.FromDays(1), "340000-GA-0002");
        await Assert.ThrowsAsync<NotEntitledException>(() => Opening("EO-who-1").Open(gaOnly, new Actor("citizen-1", Role.Public, null)));
        await Assert.ThrowsAsync<NotEntitledException>(() => Opening("EO-who-1").Open(gaOnly, Actors.Operator("340000-GA")));
        await Assert.ThrowsAsync<NotEntitledException>(() => Opening("EO-who-1").Open(Flood(TimeSpan.FromDays(1), "340000-GA-0002", "340000-SC-0001"), Actors.Head("340000-GA")));
        Assert.Null(await Opening("EO-who-1").Get());

        var own = await Opening("EO-who-2").Open(gaOnly, Actors.Head("340000-GA"));
        await Assert.ThrowsAsync<NotEntitledException>(() => Opening("EO-who-2").End("Over.", Actors.Head("340000-SC")));
        var ended = await Opening("EO-who-2").End("The water has receded.", IncidentTests.Authority);
        Assert.Equal(EmergencyOpeningStatus.Ended, ended.Status);
        Assert.False((await Entry("340000-GA-0002").Get())!.EmergencyOpen);
        Assert.NotEqual(own.Status, ended.Status);

        Assert.Equal("expiresAt", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Opening("EO-who-3").Open(Flood(-TimeSpan.FromMinutes(1), "340000-GA-0002"), IncidentTests.Authority))).Field);
        Assert.Equal("entryCodes[1]", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Opening("EO-who-3").Open(Flood(TimeSpan.FromDays(1), "340000-GA-0002", "340000-XX-0009"), IncidentTests.Authority))).Field);
    }

    [Fact]
    public async Task Art35_Art36_an_emergency_opening_makes_non_open_data_downloadable_desensitized_until_it_ends()
    {
        // 340000-GA-0002 (identity card validity) is NonOpen: its data is shared between departments only.
        var resource = platform.Grains.GetGrain<DataSharing.Data.IDataResourceGrain>("340000-GA-0002");
        var started = await resource.BeginUpload(new DataSharing.Data.DataUploadRequest(DataSharing.Data.UploadMode.Replace, DataSharing.Data.BadRowPolicy.Reject, "csv"), Actors.Operator("340000-GA"));
        await resource.Append(started.Upload.Id, DataSharing.Data.DataRowBatch.Of([new DataSharing.Data.DataRow(1, ["340104199003071235", "2020-01-01", "2040-01-01", "valid"])]));
        Assert.Equal(DataSharing.Data.DataUploadStatus.Applied, (await resource.Complete(started.Upload.Id)).Status);

        var anonymous = new Actor("anonymous@127.0.0.1", Role.Public, null);
        var open = platform.Grains.GetGrain<DataSharing.OpenData.IOpenDataGrain>(0);
        var request = new DataSharing.OpenData.OpenDownloadRequest("340000-GA-0002", PageRequest.First);
        await Assert.ThrowsAsync<NotEntitledException>(() => open.Download(request, anonymous));

        var opening = await Opening("EO-download").Open(Flood(TimeSpan.FromDays(1), "340000-GA-0002"), IncidentTests.Authority);
        var download = await open.Download(request, anonymous);
        Assert.Contains("EO-download", download.Basis);
        // Desensitized like any open data: the identity number masked by its element's default rule.
        Assert.Equal("340104********1235", download.Rows.Single()[download.Columns.ToList().IndexOf("idNumber")]);

        await Opening("EO-download").End("The evacuation is over.", IncidentTests.Authority);
        await Assert.ThrowsAsync<NotEntitledException>(() => open.Download(request, anonymous));
    }
}

using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Incidents;
using DataSharing.Sharing;
using DataSharing.Tests.Support;
using Orleans.Runtime;
using Orleans.Streams;

namespace DataSharing.Tests.Incidents;

/// <summary>An incident cluster of its own: its tests move the clock.</summary>
public sealed class IncidentCluster : PlatformTestCluster;

/// <summary>Art 41 (R20): record an incident, suspend the entry's grants, inform exactly the departments that may be affected.</summary>
public sealed class IncidentTests(IncidentCluster platform) : IClassFixture<IncidentCluster>
{
    internal static readonly Actor Authority = new("authority", Role.DataAuthority, "340000-SJ");

    private const string Scenario = "Verify identity for unemployment benefit claims";

    private IIncidentGrain Incident(string id) => platform.Grains.GetGrain<IIncidentGrain>(id);

    private IIncidentNoticeGrain Notice(string incident, string department) =>
        platform.Grains.GetGrain<IIncidentNoticeGrain>(IIncidentNoticeGrain.KeyOf(incident, department));

    /// <summary>A grant of an unconditional entry (granted at once) to <paramref name="department"/>.</summary>
    private async Task<string> Grant(string id, string department, string entry, string item)
    {
        var submission = Samples.Submission(department, entry) with { DataItems = [item], Materials = [], Scenario = Scenario };
        await platform.Grains.GetGrain<IShareRequestGrain>(id).Submit(submission, Actors.Operator(department));
        return id;
    }

    private async Task<bool> Allowed(string department, string entry, string item) =>
        (await platform.Grains.GetGrain<IAccessGateGrain>(0).Check(new AccessCheckRequest(department, entry, [item], Scenario), Actors.Operator(department)))
            .Decision.Allowed;

    private static ReportIncident Leak(string entry, DateTimeOffset from, DateTimeOffset to, bool suspend = false) =>
        new(entry, "An API key of the provider's gateway was found in a public code repository.", from,
            "Lookups made with the key; record keys in the gateway log.", from, to, suspend);

    [Fact]
    public async Task Art41_an_incident_notifies_exactly_the_departments_that_hold_the_data_or_used_it_in_the_leak_period()
    {
        const string entry = "340000-GA-0002";
        var start = platform.Clock.GetUtcNow();

        // SC used the data, then its grant was revoked: before the leak period, so it is not affected.
        await Grant("SR-in-sc", "340000-SC", entry, "idNumber");
        Assert.True(await Allowed("340000-SC", entry, "idNumber"));
        await platform.Grains.GetGrain<IShareRequestGrain>("SR-in-sc").Revoke("Matter closed.", Actors.Operator("340000-GA"));

        // Hefei public security used it inside the period and no longer holds a grant; human resources holds one.
        await platform.Advance(TimeSpan.FromHours(2));
        await Grant("SR-in-hf", "340100-GA", entry, "idNumber");
        Assert.True(await Allowed("340100-GA", entry, "idNumber"));
        await platform.Grains.GetGrain<IShareRequestGrain>("SR-in-hf").Revoke("Matter closed.", Actors.Operator("340000-GA"));
        await Grant("SR-in-rs", "340000-RS", entry, "idNumber");
        // Natural resources neither holds nor used the data; a denied check is no use either.
        Assert.False(await Allowed("340000-ZR", entry, "idNumber"));

        await platform.Advance(TimeSpan.FromHours(1));
        var incident = await Incident("IN-precise").Record(
            Leak(entry, start + TimeSpan.FromHours(1), platform.Clock.GetUtcNow()), Authority);

        Assert.Equal(["340000-RS", "340100-GA"], incident.Notified.Select(n => n.Department));
        Assert.Equal([IncidentNoticeGround.HoldsGrant], incident.Notified[0].Grounds);
        Assert.Equal([IncidentNoticeGround.UsedInPeriod], incident.Notified[1].Grounds);
        Assert.NotNull(await Notice("IN-precise", "340000-RS").Get());
        Assert.NotNull(await Notice("IN-precise", "340100-GA").Get());
        Assert.Null(await Notice("IN-precise", "340000-SC").Get());
        Assert.Null(await Notice("IN-precise", "340000-ZR").Get());

        // The department's list shows its notice; the incident is a case of the provider, in every department's list for oversight.
        var rsNotices = await platform.Grains.GetGrain<DataSharing.Cases.ICaseListGrain>(0).List(
            new(DataSharing.Cases.CaseKinds.IncidentNotice, "340000-RS"), PageRequest.First);
        Assert.Contains(rsNotices.Items, c => c.Id == IIncidentNoticeGrain.KeyOf("IN-precise", "340000-RS"));
        var incidents = await platform.Grains.GetGrain<DataSharing.Cases.ICaseListGrain>(0).List(new(DataSharing.Cases.CaseKinds.Incident), PageRequest.First);
        Assert.Contains(incidents.Items, c => c.Id == "IN-precise" && c.Departments.SequenceEqual(["340000-GA"]));

        // Recording again returns the incident and informs nobody twice.
        var again = await Incident("IN-precise").Record(incident.Report, Authority);
        Assert.Equal(incident.Notified.Select(n => n.NoticeId), again.Notified.Select(n => n.NoticeId));
        Assert.Single((await Notice("IN-precise", "340000-RS").Get())!.History);
    }

    private Task<CatalogEntrySummary> Listed(string code) => CatalogRows.Listed(platform.Grains, code);

    [Fact]
    public async Task Art41_a_suspension_denies_access_checks_and_closing_the_incident_lifts_it()
    {
        const string entry = "340000-SC-0001";
        await Grant("SR-su-rs", "340000-RS", entry, "entityName");
        Assert.True(await Allowed("340000-RS", entry, "entityName"));

        var now = platform.Clock.GetUtcNow();
        var incident = await Incident("IN-suspend").Record(Leak(entry, now - TimeSpan.FromHours(1), now, suspend: true), Actors.Operator("340000-SC"));
        Assert.True(incident.Suspended);
        Assert.True((await platform.Grains.GetGrain<ICatalogEntryGrain>(entry).Get())!.IsSuspended);
        // The catalog list shows the mark too.
        Assert.True((await Listed(entry)).IsSuspended);

        var denied = await platform.Grains.GetGrain<IAccessGateGrain>(0).Check(new AccessCheckRequest("340000-RS", entry, ["entityName"], Scenario), Actors.Operator("340000-RS"));
        Assert.False(denied.Decision.Allowed);
        Assert.Contains("IN-suspend", denied.Decision.Reason);

        var closed = await Incident("IN-suspend").Close("Key rotated; gateway logs reviewed.", Authority);
        Assert.Equal(IncidentStatus.Closed, closed.Status);
        Assert.False(closed.Suspended);
        Assert.True(await Allowed("340000-RS", entry, "entityName"));
        Assert.False((await Listed(entry)).IsSuspended);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => Incident("IN-suspend").Close("Again.", Authority));

        // Every act is in the audit log under the incident.
        var audit = await platform.Grains.GetGrain<DataSharing.Audit.IAuditGrain>(0).Query(new DataSharing.Audit.AuditFilter(CaseId: "IN-suspend"));
        Assert.Equal(["record", "close"], audit.Select(a => a.Entry.Action));
    }

    [Fact]
    public async Task Art41_only_the_data_authority_or_the_entry_department_records_an_incident()
    {
        var now = platform.Clock.GetUtcNow();
        var report = Leak("340000-ZR-0002", now - TimeSpan.FromHours(1), now);
        await Assert.ThrowsAsync<NotEntitledException>(() => Incident("IN-who-1").Record(report, Actors.Operator("340000-RS")));
        await Assert.ThrowsAsync<NotEntitledException>(() => Incident("IN-who-1").Record(report, new Actor("citizen-1", Role.Public, null)));
        Assert.Null(await Incident("IN-who-1").Get());
        Assert.Equal("leakTo", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Incident("IN-who-2").Record(report with { LeakTo = report.LeakFrom }, Authority))).Field);
        Assert.Equal("occurredAt", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Incident("IN-who-2").Record(report with { OccurredAt = now + TimeSpan.FromDays(1) }, Authority))).Field);
        await Incident("IN-who-3").Record(report, Actors.Head("340000-ZR"));
        await Assert.ThrowsAsync<NotEntitledException>(() => Incident("IN-who-3").Close("Done.", Actors.Operator("340000-RS")));
    }

    [Fact]
    public async Task Art41_the_stream_delivers_one_notification_per_notified_department()
    {
        const string entry = "340000-ZR-0002";
        await Grant("SR-st-rs", "340000-RS", entry, "zoneCode");
        await Grant("SR-st-sc", "340000-SC", entry, "zoneCode");
        await Grant("SR-st-sc2", "340000-SC", entry, "zoneType");

        var received = new List<IncidentNotification>();
        var stream = platform.Cluster.Client.GetStreamProvider(IncidentStreams.Provider)
            .GetStream<IncidentNotification>(StreamId.Create(IncidentStreams.Namespace, IncidentStreams.Key));
        var subscription = await stream.SubscribeAsync((notification, _) =>
        {
            lock (received)
            {
                received.Add(notification);
            }

            return Task.CompletedTask;
        });
        try
        {
            var now = platform.Clock.GetUtcNow();
            await Incident("IN-stream").Record(Leak(entry, now - TimeSpan.FromHours(1), now), Authority);

            List<IncidentNotification> Mine()
            {
                lock (received)
                {
                    return received.Where(n => n.IncidentId == "IN-stream").ToList();
                }
            }

            await Eventually.Get(() => Task.FromResult(Mine()), mine => mine.Count >= 2);
            await Task.Delay(200);
            Assert.Equal(["340000-RS", "340000-SC"], Mine().Select(n => n.Department).Order(StringComparer.Ordinal));
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }
}

/// <summary>Art 41 and 43: a notice is acknowledged within the rulebook's working days, or it turns overdue with a violation.</summary>
public sealed class IncidentNoticeDeadlineTests(IncidentCluster platform) : IClassFixture<IncidentCluster>
{
    [Fact]
    public async Task Art41_acknowledgement_closes_the_notice_and_an_unacknowledged_one_turns_overdue_with_an_Art43_violation()
    {
        const string entry = "340000-GA-0002";
        foreach (var department in new[] { "340000-RS", "340000-SC" })
        {
            var submission = Samples.Submission(department, entry) with { DataItems = ["cardStatus"], Materials = [] };
            await platform.Grains.GetGrain<IShareRequestGrain>($"SR-dl-{department}").Submit(submission, Actors.Operator(department));
        }

        var now = platform.Clock.GetUtcNow();
        await platform.Grains.GetGrain<IIncidentGrain>("IN-deadline").Record(
            new ReportIncident(entry, "Misdirected export file.", now, "Export of 2026-09-23"), IncidentTests.Authority);
        IIncidentNoticeGrain Notice(string department) =>
            platform.Grains.GetGrain<IIncidentNoticeGrain>(IIncidentNoticeGrain.KeyOf("IN-deadline", department));

        // Thursday 2026-09-24: one working day; Friday 2026-09-25 is the Mid-Autumn Festival, so due at the end of Monday 2026-09-28.
        var pending = (await Notice("340000-SC").Get())!;
        Assert.Equal(IncidentNoticeStatus.Pending, pending.Status);
        Assert.Equal(new DateOnly(2026, 9, 28), pending.Deadline!.DueDate);
        await Assert.ThrowsAsync<NotEntitledException>(() => Notice("340000-SC").Acknowledge(Actors.Operator("340000-RS")));

        var acknowledged = await Notice("340000-RS").Acknowledge(Actors.Operator("340000-RS"));
        Assert.Equal(IncidentNoticeStatus.Acknowledged, acknowledged.Status);
        Assert.False(acknowledged.AcknowledgedLate);

        platform.AdvanceTo(pending.Deadline.DueAt + TimeSpan.FromMinutes(1));
        var overdue = await Eventually.Get(() => Notice("340000-SC").Get(), n => n!.Status == IncidentNoticeStatus.Overdue);
        Assert.Equal(IncidentNoticeStatus.Overdue, overdue!.Status);
        var violation = await Eventually.Get(() => Violations.Of(platform.Grains, "340000-SC"), v => v.Any(r => r.CaseId == overdue.Id));
        Assert.Equal("Art 43(8)", Assert.Single(violation, v => v.CaseId == overdue.Id).Article);
        Assert.DoesNotContain(await Violations.Of(platform.Grains, "340000-RS"), v => v.CaseId == acknowledged.Id);
        Assert.Equal(IncidentNoticeStatus.Acknowledged, (await Notice("340000-RS").Get())!.Status);

        // Late, still acknowledged; the violation stands.
        var late = await Notice("340000-SC").Acknowledge(Actors.Head("340000-SC"));
        Assert.True(late.AcknowledgedLate);
    }
}

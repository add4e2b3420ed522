using DataSharing.Cases;
using DataSharing.Incidents;
using Orleans.Hosting;

namespace DataSharing.Silo.Hosting;

/// <summary>
/// The platform's streams, both Orleans memory streams: incidents (Art 41 notifications as they happen) and cases (every
/// committed act, for the console's live pages). Events are queued in memory by queue grains spread over the silos and
/// pushed to subscribers, so a silo that dies loses the events it held and a subscriber misses them; what is durable
/// is the cases themselves (the notice a department must act on, the rows a console page reads), never the events.
/// </summary>
public static class PlatformStreamHosting
{
    public static ISiloBuilder AddIncidentStreams(this ISiloBuilder silo) => silo.AddMemoryStreams(IncidentStreams.Provider);

    /// <summary>For an Orleans client (a console) that subscribes to the stream.</summary>
    public static IClientBuilder AddIncidentStreams(this IClientBuilder client) => client.AddMemoryStreams(IncidentStreams.Provider);

    public static ISiloBuilder AddCaseStreams(this ISiloBuilder silo) => silo.AddMemoryStreams(CaseStreams.Provider);

    /// <summary>For an API process in cluster mode, whose console subscribes to the case stream as an Orleans client.</summary>
    public static IClientBuilder AddCaseStreams(this IClientBuilder client) => client.AddMemoryStreams(CaseStreams.Provider);
}

using DataSharing.Incidents;
using Orleans.Hosting;

namespace DataSharing.Silo.Hosting;

/// <summary>
/// The incident stream (Art 41 notifications as they happen): Orleans memory streams. Events are queued in memory by
/// queue grains spread over the silos and pushed to subscribers, so a silo that dies loses the events it held and a
/// subscriber misses them; the notice cases, which are durable, are what a department must act on.
/// </summary>
public static class IncidentStreamHosting
{
    public static ISiloBuilder AddIncidentStreams(this ISiloBuilder silo) => silo.AddMemoryStreams(IncidentStreams.Provider);

    /// <summary>For an Orleans client (a console) that subscribes to the stream.</summary>
    public static IClientBuilder AddIncidentStreams(this IClientBuilder client) => client.AddMemoryStreams(IncidentStreams.Provider);
}

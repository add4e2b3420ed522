using DataSharing.Cases;
using Orleans.Hosting;

namespace DataSharing.Silo.Hosting;

/// <summary>
/// The case stream (every committed act, for the console's live pages): Orleans memory streams, like the incident
/// stream. Events wait in queue grains in silo memory, so a silo that dies loses those it held; the console pages read
/// the durable stores and take an event only as a nudge to read again.
/// </summary>
public static class CaseStreamHosting
{
    public static ISiloBuilder AddCaseStreams(this ISiloBuilder silo) => silo.AddMemoryStreams(CaseStreams.Provider);

    /// <summary>For an API process in cluster mode, whose console subscribes to the stream as an Orleans client.</summary>
    public static IClientBuilder AddCaseStreams(this IClientBuilder client) => client.AddMemoryStreams(CaseStreams.Provider);
}

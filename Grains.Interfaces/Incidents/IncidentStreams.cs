namespace DataSharing.Incidents;

/// <summary>Where incident notifications are published: one stream of the "incidents" stream provider.</summary>
public static class IncidentStreams
{
    /// <summary>The stream provider's name (memory streams, configured on every silo and on a subscribing client).</summary>
    public const string Provider = "incidents";

    /// <summary>The storage of the provider's subscriptions (Orleans' pub-sub rendezvous grains).</summary>
    public const string PubSubStore = "PubSubStore";

    public const string Namespace = "incident-notices";

    /// <summary>
    /// The key of the one stream every notification goes to (StreamId.Create(Namespace, Key)); a subscriber picks the
    /// departments it wants from the events.
    /// </summary>
    public const string Key = "all";
}

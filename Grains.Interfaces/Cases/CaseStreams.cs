namespace DataSharing.Cases;

/// <summary>Where case events are published: one stream of the "cases" stream provider (memory streams, as incidents).</summary>
public static class CaseStreams
{
    /// <summary>The stream provider's name, configured on every silo and on each API process that serves the console.</summary>
    public const string Provider = "cases";

    public const string Namespace = "case-events";

    /// <summary>The key of the one stream every case event goes to; a subscriber filters by department itself.</summary>
    public const string Key = "all";
}

namespace DataSharing.Silo.Hosting;

public enum HostingMode
{
    /// <summary>One process, in-memory storage and reminders: nothing survives a restart.</summary>
    Embedded,

    /// <summary>PostgreSQL for membership, grain state and reminders; any number of silos and API processes.</summary>
    Cluster,
}

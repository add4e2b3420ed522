using DataSharing.Data;

namespace DataSharing.Federation;

/// <summary>
/// The answer to a <see cref="RemoteRead"/> (<see cref="Id"/> is the read's), signed by the leg's receiver: the page,
/// and the access check that allowed it, as recorded where the data is served (by <see cref="ServedBy"/>).
/// </summary>
public sealed record RemoteReadServed(string From, string To, string Id, DateTimeOffset SentAt, string ServedBy, DataReadResult Result);

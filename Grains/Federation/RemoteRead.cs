namespace DataSharing.Federation;

/// <summary>
/// A department of <see cref="Origin"/> reading a page of an entry another platform serves (Art 21, 23), as its
/// platform asks for it over one leg (<see cref="From"/> to <see cref="To"/>, signed by From). The leg's sender is the
/// origin itself, or the province carrying a city's read to another city. <see cref="Id"/> names the read on every leg.
/// <see cref="CheckOnly"/>: an access check (Art 21: may the department use these items for this scenario), no records.
/// </summary>
public sealed record RemoteRead(
    string From,
    string To,
    string Id,
    DateTimeOffset SentAt,
    string Origin,
    string Subject,
    string Department,
    string EntryCode,
    IReadOnlyList<string> Items,
    string Scenario,
    int Limit,
    string? After,
    bool CheckOnly = false);

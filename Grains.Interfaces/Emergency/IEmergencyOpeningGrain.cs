using DataSharing.Common;

namespace DataSharing.Emergency;

/// <summary>One emergency opening of catalog entries (Art 35), keyed by opening id; ends by itself at its expiry.</summary>
public interface IEmergencyOpeningGrain : IGrainWithStringKey
{
    /// <summary>Opens the entries until the expiry; opening again with the same content returns the opening.</summary>
    Task<EmergencyOpeningView> Open(OpenEmergency opening, Actor by);

    /// <summary>Ends the opening before its expiry.</summary>
    Task<EmergencyOpeningView> End(string reason, Actor by);

    Task<EmergencyOpeningView?> Get();

    /// <summary>Open now: not ended, and the clock before its expiry (even if the expiry's reminder has not ticked yet).</summary>
    Task<bool> IsOpenNow();
}

using DataSharing.Api.Console;
using DataSharing.Common;
using Microsoft.AspNetCore.Components;

namespace DataSharing.Api.Components.Cases;

/// <summary>
/// A part of a page that shows a case and the acts its reader may take (a case page, an inbox card): who reads, the working days
/// left, and the page's way of running an act (it shows a refusal and reads the case again after).
/// </summary>
public abstract class CasePart : ComponentBase
{
    [Parameter, EditorRequired] public Actor By { get; set; } = default!;

    [Parameter] public WorkingDaysLeft? Left { get; set; }

    /// <summary>Runs the act the way the page runs its acts (showing a refusal, reading again after).</summary>
    [Parameter, EditorRequired] public Func<Func<Task>, Task<bool>> Act { get; set; } = default!;

    [Inject] protected IGrainFactory Grains { get; set; } = default!;
}

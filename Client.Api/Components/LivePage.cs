using System.Security.Claims;
using DataSharing.Api.Auth;
using DataSharing.Api.Console;
using DataSharing.Cases;
using DataSharing.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace DataSharing.Api.Components;

/// <summary>
/// A console page that renders from the stores and reads them again when a case event concerns its reader (and once
/// a minute, since "working days left" changes with the date alone). An event is only a nudge: the page never applies
/// it, so one lost with a silo costs that page a minute at most, and a reload always shows the stores.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromMinutes(1);

    private bool _loading;
    private CaseEvent? _again;
    private Timer? _timer;

    [Inject] protected CaseEventHub Hub { get; set; } = default!;

    [Inject] protected LiveStats Stats { get; set; } = default!;

    [Inject] protected IGrainFactory Grains { get; set; } = default!;

    [Inject] protected DeadlineDistance Deadlines { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    protected ClaimsPrincipal User { get; private set; } = new();

    protected Actor Caller => User.ToActor();

    protected bool Oversight => User.HasOversight();

    protected bool Staff => Role.IsDepartmentRole(Caller.Role) && Caller.Department is not null;

    /// <summary>Where the page's list stands (pages of <see cref="PageCursors.Size"/> rows), for a <c>Pager</c>.</summary>
    protected PageCursors Cursors { get; } = new();

    /// <summary>The rows of a page read at <see cref="Cursors"/>, keeping its cursor to the next page.</summary>
    protected IReadOnlyList<T> Paged<T>(Page<T> page)
    {
        Cursors.Read(page.Next);
        return page.Items;
    }

    /// <summary>The working days left to each row's deadline, by the row's id.</summary>
    protected async Task<Dictionary<string, WorkingDaysLeft?>> LeftOf<T>(IEnumerable<T> rows, Func<T, string> id, Func<T, DateTimeOffset?> dueAt)
    {
        var left = new Dictionary<string, WorkingDaysLeft?>();
        foreach (var row in rows)
        {
            left[id(row)] = await Deadlines.Of(dueAt(row));
        }

        return left;
    }

    /// <summary>The page's last failure to read or act, shown in an alert.</summary>
    protected string? Problem { get; set; }

    /// <summary>Reads what the page shows from the stores.</summary>
    protected abstract Task Load();

    /// <summary>Whether an event may change what this page shows: by default, a case of the reader's department.</summary>
    protected virtual bool Concerns(CaseEvent e) => Oversight || (Caller.Department is { } own && e.Departments.Contains(own));

    protected override async Task OnInitializedAsync()
    {
        User = Authentication is null ? new ClaimsPrincipal() : (await Authentication).User;
        if (RendererInfo.IsInteractive)
        {
            Hub.Changed += OnCaseEvent;
            _timer = new Timer(_ => _ = InvokeAsync(() => Reload(null)), null, RefreshPeriod, RefreshPeriod);
        }
    }

    protected override Task OnParametersSetAsync() => Read();

    /// <summary>Reads again and renders; a failure the domain explains is shown, not thrown.</summary>
    protected async Task Read()
    {
        try
        {
            await Load();
            Problem = null;
        }
        catch (DomainException e)
        {
            Problem = e.Message;
        }
    }

    /// <summary>Reads the first page again: a filter of the list changed.</summary>
    protected Task Filtered()
    {
        Cursors.Reset();
        return Read();
    }

    /// <summary>Runs an act (approve, submit...) and reads again; the domain's refusal is shown in the page.</summary>
    protected async Task<bool> Act(Func<Task> act)
    {
        try
        {
            await act();
            Problem = null;
        }
        catch (DomainException e)
        {
            Problem = e.Message;
            return false;
        }

        await Read();
        return true;
    }

    private void OnCaseEvent(CaseEvent e)
    {
        if (Concerns(e))
        {
            _ = InvokeAsync(() => Reload(e));
        }
    }

    /// <summary>One read at a time per page: events arriving during a read make one more read after it, not one each.</summary>
    private async Task Reload(CaseEvent? cause)
    {
        if (_loading)
        {
            _again = cause ?? _again;
            return;
        }

        _loading = true;
        try
        {
            do
            {
                var current = cause ?? _again;
                _again = null;
                cause = null;
                await Read();
                StateHasChanged();
                if (current is not null)
                {
                    Stats.Updated(current);
                }
            }
            while (_again is not null);
        }
        catch (Exception)
        {
            // A page whose circuit is going away: nothing to show it to.
        }
        finally
        {
            _loading = false;
        }
    }

    public void Dispose()
    {
        Hub.Changed -= OnCaseEvent;
        _timer?.Dispose();
        GC.SuppressFinalize(this);
    }
}

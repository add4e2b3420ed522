using DataSharing.Common;

namespace DataSharing.Api.Console;

/// <summary>
/// Where a console list stands in its pages: the cursor of the page shown and those of the pages before it, so that
/// "previous" goes back without the store reading backwards. A live reload reads the page shown again (same cursor).
/// </summary>
public sealed class PageCursors
{
    /// <summary>Rows per page in the console: a screenful, well under the API's largest page.</summary>
    public const int Size = 50;

    private readonly Stack<string?> _before = new();

    /// <summary>The cursor of the page shown (null for the first).</summary>
    public string? Current { get; private set; }

    /// <summary>The cursor of the page after the one shown, from its last read (null when it is the last).</summary>
    public string? Next { get; private set; }

    public int Number => _before.Count + 1;

    /// <summary>The number of the page whose rows are on screen: it turns when they are read, not when a button is pressed.</summary>
    public int Shown { get; private set; } = 1;

    /// <summary>The page at <see cref="Current"/> was read; <paramref name="next"/> is its cursor to the following one.</summary>
    public void Read(string? next)
    {
        Next = next;
        Shown = Number;
    }

    public bool HasPrevious => _before.Count > 0;

    public PageRequest Request => new(Size, Current);

    public void Forward()
    {
        if (Next is not null)
        {
            _before.Push(Current);
            Current = Next;
        }
    }

    public void Back()
    {
        if (_before.Count > 0)
        {
            Current = _before.Pop();
        }
    }

    /// <summary>Back to the first page (a filter changed).</summary>
    public void Reset()
    {
        _before.Clear();
        Current = null;
        Next = null;
    }
}

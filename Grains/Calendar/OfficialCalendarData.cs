using System.Globalization;

namespace DataSharing.Calendar;

/// <summary>
/// The State Council's arrangements that ship with the platform (Calendar/Data/cn-official-calendar.csv, a copy of
/// shared/data): "date,kind,occasion" with kind "holiday" or "workday".
/// </summary>
public static class OfficialCalendarData
{
    public const string LoadedBy = "official-data";

    public static IReadOnlyList<CalendarYear> Load(DateTimeOffset loadedAt)
    {
        using var stream = typeof(OfficialCalendarData).Assembly
            .GetManifestResourceStream("DataSharing.Calendar.cn-official-calendar.csv")
            ?? throw new InvalidOperationException("The official calendar data is not embedded in the Grains assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd())
            .GroupBy(day => day.Date.Year)
            .OrderBy(group => group.Key)
            .Select(group => new CalendarYear(group.Key, group.ToList(), loadedAt, LoadedBy))
            .ToList();
    }

    public static IEnumerable<CalendarDay> Parse(string csv)
    {
        foreach (var line in csv.Split('\n').Skip(1))
        {
            var fields = line.Trim().Split(',', 3);
            if (fields.Length < 2)
            {
                continue;
            }

            var kind = fields[1] switch
            {
                "holiday" => CalendarDayKind.Holiday,
                "workday" => CalendarDayKind.Workday,
                _ => throw new FormatException($"Unknown day kind '{fields[1]}' in the official calendar."),
            };
            yield return new CalendarDay(
                DateOnly.ParseExact(fields[0], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                kind,
                fields.Length > 2 ? fields[2] : null);
        }
    }
}

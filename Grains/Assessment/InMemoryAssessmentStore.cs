namespace DataSharing.Assessment;

/// <summary>
/// The embedded-mode assessment: each case's fact, and per department and year running counts by kind and
/// timeliness with a histogram of answer times (working days), kept as facts come and change. Recording a fact costs
/// O(log d) and an assessment O(d), d the distinct answer times (a few dozen), however many cases there are.
/// </summary>
public sealed class InMemoryAssessmentStore : IAssessmentStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Kind, string CaseId), AssessedCase> _facts = new();
    private readonly Dictionary<(string Department, int Year), Tally> _tallies = new();
    private readonly Dictionary<(string Kind, DateOnly Day), (int Answered, int OnTime)> _answerDays = new();

    public Task Record(AssessedCase fact)
    {
        lock (_gate)
        {
            if (_facts.TryGetValue((fact.Kind, fact.CaseId), out var known))
            {
                if (known.Version > fact.Version || known == fact)
                {
                    return Task.CompletedTask;
                }

                TallyOf(known).Count(known, -1);
                CountAnswer(known, -1);
            }

            _facts[(fact.Kind, fact.CaseId)] = fact;
            TallyOf(fact).Count(fact, +1);
            CountAnswer(fact, +1);
        }

        return Task.CompletedTask;
    }

    public Task<AssessedCase?> Find(string kind, string caseId)
    {
        lock (_gate)
        {
            return Task.FromResult(_facts.GetValueOrDefault((kind, caseId)));
        }
    }

    public Task<IReadOnlyList<DepartmentAssessment>> Assess(IReadOnlyList<string> departments, int year)
    {
        lock (_gate)
        {
            IReadOnlyList<DepartmentAssessment> assessed = departments
                .Select(d => _tallies.TryGetValue((d, year), out var tally)
                    ? Assessments.Of(d, year, tally.Cases, tally.MedianAnswerDays())
                    : Assessments.Of(d, year, new Dictionary<(string, Timeliness), int>(), null))
                .ToList();
            return Task.FromResult(assessed);
        }
    }

    public Task<IReadOnlyList<DailyAnswers>> AnswersByDay(string kind, DateOnly from, DateOnly until)
    {
        lock (_gate)
        {
            // One lookup per day of the range: a series costs its length, not the number of answers ever given.
            var days = new List<DailyAnswers>();
            for (var day = from; day < until; day = day.AddDays(1))
            {
                if (_answerDays.TryGetValue((kind, day), out var counts))
                {
                    days.Add(new DailyAnswers(day, counts.Answered, counts.OnTime));
                }
            }

            return Task.FromResult<IReadOnlyList<DailyAnswers>>(days);
        }
    }

    /// <summary>Adds (+1) or takes back (-1) an answered fact in its day's counts.</summary>
    private void CountAnswer(AssessedCase fact, int sign)
    {
        if (fact is not { AnsweredOn: { } day, Timeliness: Timeliness.OnTime or Timeliness.Late })
        {
            return;
        }

        var (answered, onTime) = _answerDays.GetValueOrDefault((fact.Kind, day));
        (answered, onTime) = (answered + sign, onTime + (fact.Timeliness == Timeliness.OnTime ? sign : 0));
        if (answered == 0)
        {
            _answerDays.Remove((fact.Kind, day));
        }
        else
        {
            _answerDays[(fact.Kind, day)] = (answered, onTime);
        }
    }

    private Tally TallyOf(AssessedCase fact)
    {
        var key = (fact.Department, fact.ReceivedOn.Year);
        if (!_tallies.TryGetValue(key, out var tally))
        {
            _tallies[key] = tally = new Tally();
        }

        return tally;
    }

    /// <summary>One department's year: cases by kind and timeliness, and how many answers took each number of working days.</summary>
    private sealed class Tally
    {
        private readonly SortedDictionary<int, int> _answerDays = [];
        private int _answers;

        public Dictionary<(string Kind, Timeliness Timeliness), int> Cases { get; } = [];

        public void Count(AssessedCase fact, int sign)
        {
            if (fact.Timeliness != Timeliness.Excluded)
            {
                Cases[(fact.Kind, fact.Timeliness)] = Cases.GetValueOrDefault((fact.Kind, fact.Timeliness)) + sign;
            }

            if (Assessments.CountsAnswerTime(fact))
            {
                var days = fact.AnswerWorkingDays!.Value;
                _answerDays[days] = _answerDays.GetValueOrDefault(days) + sign;
                _answers += sign;
                if (_answerDays[days] == 0)
                {
                    _answerDays.Remove(days);
                }
            }
        }

        /// <summary>The middle answer time, or the mean of the two middle ones (as percentile_cont(0.5) in cluster mode).</summary>
        public double? MedianAnswerDays()
        {
            if (_answers == 0)
            {
                return null;
            }

            int? lower = null;
            var seen = 0;
            foreach (var (days, count) in _answerDays)
            {
                seen += count;
                if (lower is null && seen > (_answers - 1) / 2)
                {
                    lower = days;
                }

                if (seen > _answers / 2)
                {
                    return (lower!.Value + days) / 2.0;
                }
            }

            return null;
        }
    }
}

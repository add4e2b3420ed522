namespace DataSharing.Supervision;

public enum RectificationStatus
{
    /// <summary>The department must rectify by the data authority's deadline.</summary>
    Open,
    /// <summary>The department reported its rectification; the authority has yet to accept it.</summary>
    Reported,
    /// <summary>Not rectified by the deadline: reported to the people's government, which sets a new deadline.</summary>
    Escalated,
    /// <summary>The people's government ordered correction by a new deadline.</summary>
    GovernmentOrdered,
    /// <summary>Not corrected by the government's deadline either: a serious case (discipline may follow).</summary>
    Serious,
    Rectified,
}

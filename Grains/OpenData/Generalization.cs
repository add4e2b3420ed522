namespace DataSharing.OpenData;

/// <summary>What <see cref="DesensitizationMethod.Generalize"/> makes of an item, by its element or data type.</summary>
public enum Generalization
{
    /// <summary>A date (yyyy-MM-dd) → its year.</summary>
    Year,

    /// <summary>A resident identity number → the year of the birth date in it.</summary>
    BirthYear,

    /// <summary>An address → its district or county; text naming none → its first characters.</summary>
    District,

    /// <summary>A division code → its prefecture-level city (first 4 digits + "00").</summary>
    City,
}

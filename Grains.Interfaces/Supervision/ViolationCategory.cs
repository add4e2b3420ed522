namespace DataSharing.Supervision;

/// <summary>The eight categories of Art 43.</summary>
public enum ViolationCategory
{
    /// <summary>(1) not building data resources or IT projects as required.</summary>
    ProjectsNotBuiltAsRequired = 1,
    /// <summary>(2) not compiling the department's catalog as required.</summary>
    CatalogNotCompiled = 2,
    /// <summary>(3) not collecting per the catalog, or duplicate / multi-headed collection.</summary>
    CollectionNotPerCatalog = 3,
    /// <summary>(4) refusing or delaying aggregation or sharing.</summary>
    SharingRefusedOrDelayed = 4,
    /// <summary>(5) not updating or reviewing data as required.</summary>
    DataNotUpdatedOrReviewed = 5,
    /// <summary>(6) requiring people to provide data obtainable from the sharing system.</summary>
    ObtainableDataDemanded = 6,
    /// <summary>(7) not opening data as required.</summary>
    DataNotOpened = 7,
    /// <summary>(8) not fulfilling data security duties.</summary>
    SecurityDutiesNotFulfilled = 8,
}

namespace DataSharing.Catalog;

public enum ShareMethod
{
    Api,
    File,
    Database,
}

namespace ConsentKit.BrowserTests.Infrastructure;

/// <summary>The tests that share one running sample site; they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class SampleSiteCollection : ICollectionFixture<SampleSite>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Sample site";
}

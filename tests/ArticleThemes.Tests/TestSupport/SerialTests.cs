namespace ArticleThemes.Tests.TestSupport;

/// <summary>Tests that measure the whole process run in this collection: alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTests
{
    public const string Name = "Serial";
}

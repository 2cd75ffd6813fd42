namespace ArticleThemes.Tests.Packaging;

/// <summary>The runtime package must serve models without ML.NET: training lives in ArticleThemes.Training.</summary>
public sealed class RuntimeDependencyTests
{
    [Fact]
    public void The_runtime_assembly_references_no_MLNet_assembly()
    {
        var references = typeof(ThemeClassifier).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).ToArray();

        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.ML", StringComparison.Ordinal));
        Assert.Contains(references, name => name == "System.IO.Compression");
    }
}

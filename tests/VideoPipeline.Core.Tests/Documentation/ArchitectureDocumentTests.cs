using System.Text.RegularExpressions;
using VideoPipeline.Testing;

namespace VideoPipeline.Core.Tests.Documentation;

/// <summary>
/// docs/architecture.md is the design a reader of a clone has, so what it names must exist, and nothing in the
/// repository may send a reader to design notes that are not in it.
/// </summary>
public sealed partial class ArchitectureDocumentTests
{
    private static readonly string[] SourceFolders = ["src", "tests", "bench", "docs", "infra", "eng", ".github"];

    private static readonly string[] SkippedFolders = ["bin", "obj", "node_modules"];

    private static readonly string[] TextExtensions = [".cs", ".md", ".json", ".sh", ".bicep", ".yml", ".yaml", ".http", ".js", ".html"];

    [Fact]
    public void ArchitectureDocument_RepositoryPaths_Exist()
    {
        var paths = CodeSpans(ArchitectureDocument())
            .Where(span => RepositoryPath().IsMatch(span))
            .Distinct()
            .ToList();

        Assert.NotEmpty(paths);
        var missing = paths.Where(path => !File.Exists(RepositoryPaths.Combine(path)) && !Directory.Exists(RepositoryPaths.Combine(path)));
        Assert.Empty(missing);
    }

    [Fact]
    public void ArchitectureDocument_CodeNames_AppearInTheCode()
    {
        var names = CodeSpans(ArchitectureDocument())
            .Select(span => span.Split('.', '(')[0])
            .Where(name => CodeName().IsMatch(name))
            .Distinct()
            .ToList();
        var sources = string.Join('\n', new[] { "src", "tests" }.SelectMany(folder => SourceFiles(folder, ".cs")).Select(File.ReadAllText));

        Assert.True(names.Count > 30, $"Only {names.Count} code names found; the pattern no longer reads the document.");
        var missing = names.Where(name => !Regex.IsMatch(sources, $@"\b{Regex.Escape(name)}\b"));
        Assert.Empty(missing);
    }

    [Fact]
    public void Repository_NoFile_CitesDesignNotesOutsideTheRepository()
    {
        var citing = SourceFolders
            .SelectMany(folder => SourceFiles(folder, TextExtensions))
            .Concat(Directory.EnumerateFiles(RepositoryPaths.Root, "*.md"))
            .Where(file => ExternalDesignNote().IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(RepositoryPaths.Root, file));

        Assert.Empty(citing);
    }

    private static string ArchitectureDocument() => File.ReadAllText(RepositoryPaths.Combine("docs", "architecture.md"));

    private static IEnumerable<string> CodeSpans(string markdown) =>
        InlineCode().Matches(markdown).Select(match => match.Groups[1].Value);

    private static IEnumerable<string> SourceFiles(string folder, params string[] extensions)
    {
        var root = RepositoryPaths.Combine(folder);
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(file => extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .Where(file => !Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(SkippedFolders.Contains));
    }

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^(src|tests|bench|docs|infra)/[\w./-]+$")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex("^[A-Z][a-z]+[A-Z][A-Za-z0-9]*$")]
    private static partial Regex CodeName();

    [GeneratedRegex(@"\b(DESIGN|PROVIDERS|DEPENDENCIES)\.md\b")]
    private static partial Regex ExternalDesignNote();
}

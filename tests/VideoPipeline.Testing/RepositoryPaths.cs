namespace VideoPipeline.Testing;

/// <summary>Locates the repository root (the folder holding Functions.sln) from a test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>
    /// A project's built assembly, e.g. <c>("VideoPipeline.Local", "VideoPipeline.Local.dll")</c>, in the configuration
    /// (Debug or Release) the running tests were built with.
    /// </summary>
    /// <exception cref="FileNotFoundException">The project has not been built in that configuration.</exception>
    public static string BuiltAssembly(string project, string assembly)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var path = Combine("src", project, "bin", configuration, "net10.0", assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Functions.sln above {AppContext.BaseDirectory}.");
    }
}

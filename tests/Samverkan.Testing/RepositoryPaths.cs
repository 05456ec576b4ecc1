namespace Samverkan.Testing;

/// <summary>Where things are in the repository the tests run from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The standalone host's build output in the same configuration as the tests.</summary>
    public static string StandaloneAssembly
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            var path = Path.Combine(Root, "services", "Samverkan.Standalone", "bin", configuration, "net10.0", "Samverkan.Standalone.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first; the standalone host is not at " + path);
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Samverkan.Platform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Samverkan.Platform.sln not found above " + AppContext.BaseDirectory);
    }
}

using Microsoft.Data.Sqlite;

namespace Samverkan.ServiceDefaults.Data;

/// <summary>SQLite files live under <c>./data</c> in the standalone host; the folder is created on first start.</summary>
public static class SqliteFiles
{
    public static void EnsureDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}

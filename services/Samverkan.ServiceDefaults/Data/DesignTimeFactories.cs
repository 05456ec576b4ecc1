using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Samverkan.ServiceDefaults.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build a provider's context without starting the service
/// (no silo, no bus, no configuration). A service declares one closed subclass per provider context.
/// </summary>
public abstract class DesignTimeFactory<TContext>(DatabaseProvider provider) : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        // Migrations are generated from the model; the connection is never opened.
        var connectionString = provider == DatabaseProvider.Sqlite ? "Data Source=design-time.db" : "Host=localhost";
        var options = new DbContextOptionsBuilder<TContext>().UseProvider(provider, connectionString).Options;
        return (TContext)Activator.CreateInstance(typeof(TContext), options)!;
    }
}

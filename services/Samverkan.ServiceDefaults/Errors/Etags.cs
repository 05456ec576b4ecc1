using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Samverkan.ServiceDefaults.Errors;

/// <summary>
/// Optimistic concurrency for the services' relational resources: a record's revision is its etag; an update names the
/// etag it read, a stale one is refused before anything is written, and a concurrent change between the read and the
/// commit is caught by the revision column as concurrency token.
/// </summary>
public static class Etags
{
    public static string Etag(int revision) => revision.ToString(CultureInfo.InvariantCulture);

    /// <summary>The revision an etag stands for; a missing or foreign etag is a field problem.</summary>
    public static int ParseEtag(this Validation v, string? etag, string what)
    {
        if (string.IsNullOrWhiteSpace(etag))
        {
            v.Add("etag", $"is required: the etag of the {what} as last read");
            return 0;
        }

        v.Check(int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) && revision > 0, "etag", "is not an etag this service gave out");
        return revision;
    }

    public static void CheckEtag(string resourceName, int current, int expected)
    {
        if (current != expected)
        {
            throw new EtagMismatchException(resourceName, Etag(current));
        }
    }

    /// <summary>Commits the unit of work; a concurrent change to the same resource since it was read is a stale etag.</summary>
    public static async Task SaveAsync(this DbContext db, string resourceName, int revision, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new EtagMismatchException(resourceName, Etag(revision));
        }
    }
}

using System.Globalization;
using Npgsql;

namespace Jobs.Testing.Postgres;

/// <summary>
/// Test databases carry a comment with their creation time. On a server that outlives test runs
/// (JOBS_TEST_DATABASE_URL), databases left by runs that were killed before their clean-up are
/// dropped once they are old and nobody is connected to them.
/// </summary>
internal static class StaleDatabases
{
    private const string Marker = "jobs-test ";
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(2);

    /// <summary>The statement that marks <paramref name="database"/> as a test database created now.</summary>
    public static string Mark(string database) =>
        $"COMMENT ON DATABASE \"{database}\" IS '{Marker}{DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)}'";

    public static async Task DropAsync(NpgsqlConnection connection)
    {
        var stale = new List<string>();
        await using (var find = new NpgsqlCommand("""
            SELECT d.datname
              FROM pg_database d
             WHERE shobj_description(d.oid, 'pg_database') LIKE $1 || '%'
               AND substr(shobj_description(d.oid, 'pg_database'), length($1) + 1)::timestamptz < now() - make_interval(secs => $2)
               AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datid = d.oid)
            """, connection))
        {
            find.Parameters.Add(new NpgsqlParameter { Value = Marker });
            find.Parameters.Add(new NpgsqlParameter { Value = MaxAge.TotalSeconds });
            await using var reader = await find.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                stale.Add(reader.GetString(0));
            }
        }
        foreach (var database in stale)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\"", connection);
                await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (PostgresException)
            {
                // Someone connected meanwhile, or it is not ours to drop: leave it.
            }
        }
    }
}

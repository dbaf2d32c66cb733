using Npgsql;

namespace Jobs.Tests.Shared;

/// <summary>
/// The 0.47-shaped schema of tests/Jobs.Tests/Infrastructure/Upstream047Schema.sql (roles, errors,
/// jwt_*, app_jobs, all built by the file itself), for the test projects that link this file and
/// copy that SQL beside their assembly.
/// </summary>
public static class Upstream047Schema
{
    /// <summary>Installs the schema on the empty database of <paramref name="connectionString"/>, in one transaction.</summary>
    public static async Task InstallAsync(string connectionString)
    {
        var file = Directory.EnumerateFiles(AppContext.BaseDirectory, "Upstream047Schema.sql", SearchOption.AllDirectories).FirstOrDefault()
            ?? throw new InvalidOperationException($"Upstream047Schema.sql is not copied under {AppContext.BaseDirectory}: link it in the test project.");
        var sql = await File.ReadAllTextAsync(file);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }
}

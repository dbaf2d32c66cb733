using Jobs.Testing.Postgres;
using Npgsql;

namespace Jobs.Tests.Infrastructure;

/// <summary>The template for each schema flavour: Jobs.Testing's two, plus the 0.47-shaped schema of these tests.</summary>
public static class Templates
{
    private static readonly Lazy<Task<DatabaseTemplate>> Upstream047 = new(() => JobsTemplates.CreateAsync("upstream047", InstallUpstream047Async));

    /// <summary>The template for <paramref name="flavor"/>.</summary>
    public static Task<DatabaseTemplate> For(SchemaFlavor flavor) => flavor switch
    {
        SchemaFlavor.Installer => JobsTemplates.Installer(),
        SchemaFlavor.Pgpm => JobsTemplates.Pgpm(),
        SchemaFlavor.Upstream047 => Upstream047.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(flavor)),
    };

    // Upstream047Schema.sql builds everything itself (roles, errors, jwt_*, app_jobs), so it runs
    // on an empty database, in one transaction.
    private static async Task InstallUpstream047Async(string connectionString)
    {
        var sql = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Infrastructure", "Upstream047Schema.sql"));
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

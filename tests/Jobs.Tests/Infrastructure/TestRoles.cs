using Jobs.Schema;
using Npgsql;

namespace Jobs.Tests.Infrastructure;

/// <summary>
/// A login role of its own for one test, with exactly the grants it is given, and the connection
/// string to log in as it. Roles are cluster-wide and the server is shared by every test, so each
/// name is unique, and disposing drops what the role owns or was granted in the test's database,
/// then the role.
/// </summary>
public sealed class TestRole : IAsyncDisposable
{
    private readonly SchemaDatabase _database;

    private TestRole(SchemaDatabase database, string name, string connectionString)
    {
        _database = database;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The role's name (lower case, no quoting needed).</summary>
    public string Name { get; }

    /// <summary>A connection string to the test's database, logging in as this role.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a LOGIN role (never a superuser) named after <paramref name="purpose"/>, holding no privilege yet.</summary>
    public static async Task<TestRole> CreateAsync(SchemaDatabase database, string purpose)
    {
        ArgumentNullException.ThrowIfNull(database);
        var name = $"jobs_{purpose}_{Guid.NewGuid():N}";
        name = name.Length > 63 ? name[..63] : name;
        var password = Guid.NewGuid().ToString("N");
        await database.ExecuteAsync($"CREATE ROLE \"{name}\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{password}'");
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Username = name,
            Password = password,
        }.ConnectionString;
        return new TestRole(database, name, connectionString);
    }

    /// <summary>
    /// Creates a role holding exactly what <see cref="RoleGrants"/> gives <paramref name="component"/>
    /// on the database's schema as it is deployed (its shape read from the catalog).
    /// </summary>
    public static async Task<TestRole> ForComponentAsync(SchemaDatabase database, JobsComponent component)
    {
        ArgumentNullException.ThrowIfNull(database);
        var role = await CreateAsync(database, component.ToString().ToLowerInvariant());
        var shape = await SchemaShapeReader.ReadAsync(database.DataSource);
        await role.GrantAsync(RoleGrants.For(component, role.Name, shape: shape));
        return role;
    }

    /// <summary>Runs <paramref name="statements"/> as the database's owner (the test's superuser).</summary>
    public Task GrantAsync(IEnumerable<string> statements) => _database.ExecuteAsync(string.Join('\n', statements));

    /// <summary>A connection string for this role with <paramref name="searchPath"/> as the session's search_path.</summary>
    public string WithSearchPath(string searchPath) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = searchPath }.ConnectionString;

    /// <summary>True when the role is a superuser now (asked as the owner, so the role's own session settings cannot lie).</summary>
    public async Task<bool> IsSuperuserAsync()
    {
        await using var command = _database.DataSource.CreateCommand("SELECT rolsuper FROM pg_roles WHERE rolname = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = Name });
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Ends the role's sessions, then drops what it owns and was granted in the test's database,
    /// and the role. Its connections are pooled like a real deployment's (unpooled, a worker opened
    /// a connection per statement); ending them here leaves no session of a dropped role behind.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _database.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{Name}'");
        await _database.ExecuteAsync($"DROP OWNED BY \"{Name}\" CASCADE; DROP ROLE IF EXISTS \"{Name}\"");
    }
}

/// <summary>SQL helpers the role tests share.</summary>
public static class SchemaDatabaseSql
{
    /// <summary>Runs <paramref name="sql"/> on <paramref name="database"/> as its owner.</summary>
    public static async Task ExecuteAsync(this SchemaDatabase database, string sql)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var command = database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Takes EXECUTE on every function of app_jobs away from PUBLIC, so a role can call only what
    /// it was granted: the stricter of the two defaults a deployment may have.
    /// </summary>
    public static Task RevokePublicExecuteAsync(this SchemaDatabase database) =>
        database.ExecuteAsync("REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA app_jobs FROM PUBLIC");
}

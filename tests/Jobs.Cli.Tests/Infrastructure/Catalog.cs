using Jobs.Testing.Postgres;
using Npgsql;

namespace Jobs.Cli.Tests.Infrastructure;

/// <summary>Questions about a test database's catalog.</summary>
public static class Catalog
{
    /// <summary>
    /// An md5 over everything a migration could change in <paramref name="schema"/>: the definition of
    /// every function, every relation with its kind and columns, every trigger, and the schema's
    /// comment. Equal before and after means the schema was left untouched.
    /// </summary>
    public static Task<string> FingerprintAsync(TestDatabase database, string schema = "app_jobs") => ScalarAsync<string>(database, """
        SELECT md5(concat_ws(E'\n--\n',
          (SELECT string_agg(pg_get_functiondef(p.oid), E'\n' ORDER BY p.oid::regprocedure::text)
             FROM pg_proc p WHERE p.pronamespace = $1::regnamespace AND p.prokind IN ('f', 'p')),
          (SELECT string_agg(c.relname || ':' || c.relkind::text, ',' ORDER BY c.relname)
             FROM pg_class c WHERE c.relnamespace = $1::regnamespace),
          (SELECT string_agg(c.relname || '.' || a.attname || ':' || format_type(a.atttypid, a.atttypmod), ',' ORDER BY c.relname, a.attnum)
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.relnamespace = $1::regnamespace AND a.attnum > 0 AND NOT a.attisdropped),
          (SELECT string_agg(pg_get_triggerdef(t.oid), E'\n' ORDER BY t.tgname)
             FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = $1::regnamespace),
          obj_description($1::regnamespace, 'pg_namespace')))
        """, schema);

    /// <summary>True when the relation <paramref name="qualifiedName"/> (e.g. <c>app_jobs.jobs</c>) exists.</summary>
    public static Task<bool> RelationExistsAsync(TestDatabase database, string qualifiedName) =>
        ScalarAsync<bool>(database, "SELECT to_regclass($1) IS NOT NULL", qualifiedName);

    /// <summary>True when the schema <paramref name="schema"/> exists.</summary>
    public static Task<bool> SchemaExistsAsync(TestDatabase database, string schema) =>
        ScalarAsync<bool>(database, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", schema);

    /// <summary>The rows of <c>jobs_migrations</c> in <paramref name="schema"/>, as <c>version:name</c>.</summary>
    public static async Task<IReadOnlyList<string>> RecordedMigrationsAsync(TestDatabase database, string schema = "app_jobs")
    {
        await using var command = database.DataSource.CreateCommand($"SELECT version || ':' || name FROM \"{schema}\".jobs_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    /// <summary>Runs <paramref name="sql"/>.</summary>
    public static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(TestDatabase database, string sql, string parameter)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

namespace Jobs.Schema;

/// <summary>
/// The fix for a SECURITY DEFINER function that does not pin <c>search_path</c>: pin it to
/// <see cref="SearchPath"/>. Built-ins then come from pg_catalog whatever the caller set, and no
/// schema the caller controls is searched. That keeps a function working only when its body names
/// the schema's own objects qualified (<c>app_jobs.jobs</c>), as migration 4 of our installer and
/// both published @pgpm/database-jobs versions (0.16 and 0.47) do; a function naming them
/// unqualified would stop finding them.
/// </summary>
public static class FunctionHardening
{
    /// <summary>The search_path every SECURITY DEFINER function gets: built-ins first, temporary objects last.</summary>
    public const string SearchPath = "pg_catalog, pg_temp";

    /// <summary>The advice for one unpinned function of <paramref name="schema"/>.</summary>
    public static SchemaAdvice Advise(SchemaName schema, DefinerFunction function)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(function);
        var signature = $"{function.Name}({function.IdentityArguments})";
        return new SchemaAdvice(signature,
            "it is SECURITY DEFINER without a fixed search_path: a role that may call it can shadow now(), an operator or "
            + "another name with its own function and have it run with the owner's rights",
            $"ALTER FUNCTION {schema.Quoted}.{QuoteIdentifier(function.Name)}({function.IdentityArguments}) SET search_path = {SearchPath};");
    }

    // The catalog's name as a quoted identifier: a function name needs no validation, only quoting.
    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

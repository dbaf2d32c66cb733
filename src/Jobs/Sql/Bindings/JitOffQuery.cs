using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>jit_off.sql: JIT off for the rest of the transaction; no parameters.</summary>
internal sealed record JitOffQuery : ISqlQuery
{
    public static string File => "jit_off";

    public void Bind(NpgsqlParameterCollection parameters)
    {
    }
}

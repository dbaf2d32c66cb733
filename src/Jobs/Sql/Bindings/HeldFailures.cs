using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>Failures as both fail queries take them: the held results, then each message and whether it is permanent ($5, $6).</summary>
internal sealed record HeldFailures(HeldResults Results, string[] ErrorMessages, bool[] Permanent)
{
    public void Bind(NpgsqlParameterCollection parameters)
    {
        Results.Bind(parameters);
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ErrorMessages });
        parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = Permanent });
    }
}

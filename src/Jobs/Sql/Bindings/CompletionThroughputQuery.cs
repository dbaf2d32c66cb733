using Npgsql;

namespace Jobs.Sql.Bindings;

/// <summary>completion_throughput.sql: completions per interval of <paramref name="IntervalSeconds"/>, the last <paramref name="Intervals"/> of them, within <paramref name="DatabaseId"/> (null: every database).</summary>
internal sealed record CompletionThroughputQuery(int Intervals, int IntervalSeconds, Guid? DatabaseId) : ISqlQuery
{
    public static string File => "completion_throughput";

    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<int> { TypedValue = Intervals });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = IntervalSeconds });
        parameters.Add(OrNull.Uuid(DatabaseId));
    }
}

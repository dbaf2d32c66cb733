using Jobs.Schema;

namespace Jobs.Cli;

/// <summary>
/// The lines <c>jobs migrate --check</c> prints after the state: the schema's shape, anything that
/// keeps Jobs from serving it, each missing index, and each SECURITY DEFINER function that does not
/// pin search_path, each with the statement that fixes it, ready to paste into psql.
/// </summary>
internal static class ShapeReport
{
    public static async Task WriteAsync(TextWriter output, SchemaShape shape)
    {
        await output.WriteLineAsync($"shape: {shape.Describe()}").ConfigureAwait(false);
        foreach (var problem in shape.Problems)
        {
            await output.WriteLineAsync($"cannot serve: {problem}").ConfigureAwait(false);
        }
        foreach (var index in shape.MissingIndexes)
        {
            await output.WriteLineAsync($"missing index {index.Name}: {index.Reason}").ConfigureAwait(false);
            await output.WriteLineAsync($"  {index.Sql}").ConfigureAwait(false);
        }
        if (shape.Problems.Count == 0 && shape.MissingIndexes.Count == 0)
        {
            await output.WriteLineAsync("indexes: every index Jobs relies on is present").ConfigureAwait(false);
        }
        foreach (var function in shape.UnhardenedFunctions)
        {
            await output.WriteLineAsync($"warning: function {function.Name}: {function.Reason}").ConfigureAwait(false);
            await output.WriteLineAsync($"  {function.Sql}").ConfigureAwait(false);
        }
        if (shape.HasJobsTable && shape.UnhardenedFunctions.Count == 0)
        {
            await output.WriteLineAsync("security: every SECURITY DEFINER function pins its search_path").ConfigureAwait(false);
        }
    }
}

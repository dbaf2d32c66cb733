using Jobs.Sql;
using Jobs.Sql.Bindings;
using Npgsql;

namespace Jobs;

// The optional history of completed jobs (Schema.HistoryInstaller), within the admin's database.
public sealed partial class JobsAdmin
{
    /// <summary>The longest window <see cref="GetThroughputAsync"/> counts over, in intervals.</summary>
    public const int MaxThroughputIntervals = 1440;

    /// <summary>Whether the history is installed and what this admin's role may do with it. Asked of the catalog each time: installing the history needs no restart.</summary>
    /// <exception cref="ArgumentException">The jobs schema's name is too long to take the history suffix.</exception>
    public async Task<HistoryStatus> GetHistoryStatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await HistoryStatusReader.ReadAsync(connection, null, _sql, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completed jobs matching <paramref name="filter"/> within <see cref="DatabaseId"/>, newest first.</summary>
    /// <exception cref="ArgumentException">The limit is not positive, or a name could never be held by the schema.</exception>
    /// <exception cref="InvalidOperationException">The history is not installed.</exception>
    public Task<List<CompletedJob>> ListCompletedAsync(CompletedJobFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= new CompletedJobFilter();
        ValidateListFilter(filter.Limit, filter.TaskIdentifier, filter.Queue, nameof(filter));
        return QueryHistoryAsync(new ListCompletedJobsQuery(filter.TaskIdentifier, filter.Queue, DatabaseId, filter.Before, filter.Limit),
            CompletedJobReader.ReadAllAsync, cancellationToken);
    }

    /// <summary>
    /// The newest record of job <paramref name="id"/> in the history, or null (also when it belongs
    /// to another database than <see cref="DatabaseId"/>, or completed before the retention).
    /// </summary>
    /// <exception cref="InvalidOperationException">The history is not installed.</exception>
    public async Task<CompletedJob?> GetCompletedAsync(long id, CancellationToken cancellationToken = default)
    {
        var records = await QueryHistoryAsync(new GetCompletedJobQuery(id, DatabaseId), CompletedJobReader.ReadAllAsync, cancellationToken).ConfigureAwait(false);
        return records.Count == 0 ? null : records[0];
    }

    /// <summary>
    /// How many jobs completed in each of the last <paramref name="intervals"/> intervals of
    /// <paramref name="length"/> (whole seconds) within <see cref="DatabaseId"/>, oldest first; the
    /// last interval ends now. Every interval is present, with 0 where nothing completed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No interval, more than <see cref="MaxThroughputIntervals"/>, or a length that is not a whole number of seconds from 1 s to 1 day.</exception>
    /// <exception cref="InvalidOperationException">The history is not installed.</exception>
    public Task<List<ThroughputInterval>> GetThroughputAsync(int intervals, TimeSpan length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervals, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(intervals, MaxThroughputIntervals);
        if (length < TimeSpan.FromSeconds(1) || length > TimeSpan.FromDays(1) || length.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "An interval is a whole number of seconds, from 1 second to 1 day.");
        }
        return QueryHistoryAsync(new CompletionThroughputQuery(intervals, (int)length.TotalSeconds, DatabaseId), ReadThroughputAsync, cancellationToken);
    }

    private static async Task<List<ThroughputInterval>> ReadThroughputAsync(System.Data.Common.DbDataReader reader, CancellationToken cancellationToken)
    {
        var counts = new List<ThroughputInterval>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new ThroughputInterval(RowReader.Timestamp(reader, 0), reader.GetInt64(1)));
        }
        return counts;
    }

    private async Task<List<TRow>> QueryHistoryAsync<TQuery, TRow>(TQuery query,
        Func<System.Data.Common.DbDataReader, CancellationToken, Task<List<TRow>>> read, CancellationToken cancellationToken) where TQuery : ISqlQuery
    {
        try
        {
            await using var command = _sql.Command(_dataSource, query);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await read(reader, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            throw new InvalidOperationException(
                $"The history of completed jobs is not installed in {JobHistorySchema.For(_sql.Schema).Value}: install it with `jobs migrate --history` (or HistoryInstaller).", ex);
        }
    }
}

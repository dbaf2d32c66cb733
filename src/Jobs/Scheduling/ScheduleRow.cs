using System.Data.Common;
using Jobs.Sql;
using static Jobs.Sql.RowReader;

namespace Jobs.Scheduling;

/// <summary>What the scheduler needs of a scheduled_jobs row.</summary>
internal sealed record ScheduleRow(long Id, string TaskIdentifier, string ScheduleInfo, DateTimeOffset? LastScheduled, string? LockedBy);

/// <summary>Reads scheduled_jobs rows by column name, so schemas with more columns work.</summary>
internal sealed class ScheduleRowReader : IRowReader<ScheduleRowReader, ScheduleRow>
{
    private readonly int _id, _task, _scheduleInfo, _lastScheduled, _lockedBy;

    private ScheduleRowReader(DbDataReader reader)
    {
        _id = reader.GetOrdinal("id");
        _task = reader.GetOrdinal("task_identifier");
        _scheduleInfo = reader.GetOrdinal("schedule_info");
        _lastScheduled = reader.GetOrdinal("last_scheduled");
        _lockedBy = reader.GetOrdinal("locked_by");
    }

    /// <inheritdoc />
    public static ScheduleRowReader Create(DbDataReader reader) => new(reader);

    /// <inheritdoc />
    public ScheduleRow? Read(DbDataReader reader) => reader.IsDBNull(_id)
        ? null
        : new ScheduleRow(
            reader.GetInt64(_id),
            reader.GetString(_task),
            reader.GetString(_scheduleInfo),
            NullableTimestamp(reader, _lastScheduled),
            NullableString(reader, _lockedBy));
}

using Jobs.Tests.Infrastructure;
using Jobs.Tests.Runtime;

namespace Jobs.Tests.Input;

/// <summary>Hostile text given to <see cref="JobsAdmin"/>: refused before the server (which would answer 22021 to NUL), naming the parameter.</summary>
public sealed class AdminInputTests(InstallerDatabase database) : RuntimeTest(database), IClassFixture<InstallerDatabase>
{
    [Theory]
    [InlineData("task", "nul", "NUL (U+0000)")]
    [InlineData("queue", "nul", "NUL (U+0000)")]
    [InlineData("task", "low", "lone surrogate (U+DC00)")]
    [InlineData("queue", "high", "lone surrogate (U+D800)")]
    public async Task List_filters_refuse_text_the_schema_cannot_hold(string field, string what, string expected)
    {
        // Built here: a lone surrogate does not survive an attribute argument (it becomes U+FFFD).
        var value = what switch { "nul" => "a\0b", "low" => "a\udc00", _ => "a\ud800" };
        var filter = field == "task" ? new JobListFilter { TaskIdentifier = value } : new JobListFilter { Queue = value };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Admin.ListAsync(filter));

        Assert.Equal("filter", error.ParamName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_filter_longer_than_any_stored_name_is_refused_counting_characters()
    {
        await Client.EnqueueAsync(new string('t', 126), default);

        var listed = await Admin.ListAsync(new JobListFilter { TaskIdentifier = new string('t', 126) });
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Admin.ListAsync(new JobListFilter { TaskIdentifier = new string('t', 127) }));

        Assert.Single(listed);
        Assert.Equal("filter", error.ParamName);
        Assert.Contains("has 127 characters; use 1 to 126", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_by_key_refuses_nul()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Admin.RemoveByKeyAsync("k\0"));

        Assert.Equal("key", error.ParamName);
        Assert.Contains("The job key contains NUL (U+0000) at index 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_reason_with_a_lone_surrogate_is_refused_and_the_job_is_left_alone()
    {
        var job = await Client.EnqueueAsync("t", default);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Admin.PermanentlyFailAsync([job.Id], "bad \ud800 reason"));

        Assert.Equal("reason", error.ParamName);
        Assert.Equal(0, (await Admin.GetAsync(job.Id))!.Attempts);
        Assert.Null((await Admin.GetAsync(job.Id))!.LastError);
    }

    [Fact]
    public async Task Worker_ids_to_unlock_refuse_nul()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Admin.UnlockWorkersAsync(["worker-1", "worker\0"]));

        Assert.Equal("workerIds", error.ParamName);
        Assert.Contains("A worker id contains NUL", error.Message, StringComparison.Ordinal);
    }
}

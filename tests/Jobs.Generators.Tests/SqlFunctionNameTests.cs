namespace Jobs.Generators.Tests;

/// <summary>The name of a task's SQL enqueue function: add_ and the task, as a plain lower-case identifier PostgreSQL keeps whole.</summary>
public sealed class SqlFunctionNameTests
{
    [Theory]
    [InlineData("send_email", "add_send_email")]
    [InlineData("Emails.Send-Now", "add_emails_send_now")]
    [InlineData("crawl:page/v2", "add_crawl_page_v2")]
    [InlineData("été", "add__t_")]
    public void Names_keep_letters_digits_and_underscores_in_lower_case(string task, string function) =>
        Assert.Equal(function, JobsGenerator.Emitter.SqlFunctionName(task));

    [Fact]
    public void A_long_task_name_is_cut_to_63_bytes()
    {
        var name = JobsGenerator.Emitter.SqlFunctionName(new string('x', 100));

        Assert.Equal(63, name.Length);
        Assert.StartsWith("add_xxx", name, StringComparison.Ordinal);
    }
}

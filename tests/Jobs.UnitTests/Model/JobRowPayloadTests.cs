using System.Text;

namespace Jobs.UnitTests.Model;

/// <summary>
/// A row's payload is held as UTF-8 bytes, with the text decoded only when asked for; the row
/// keeps value equality over the bytes, and bytes given to it are copied.
/// </summary>
public sealed class JobRowPayloadTests
{
    [Fact]
    public void Rows_with_equal_payload_bytes_are_equal_whether_or_not_the_text_was_read()
    {
        var first = Row(Encoding.UTF8.GetBytes("{\"to\":\"ada\"}"));
        var second = Row(Encoding.UTF8.GetBytes("{\"to\":\"ada\"}"));
        var other = Row(Encoding.UTF8.GetBytes("{\"to\":\"bob\"}"));

        _ = first.Payload;

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void The_text_and_the_bytes_are_one_payload_whichever_is_given()
    {
        var fromText = Row(text: "{\"name\":\"Zoë\"}");
        var fromBytes = Row(Encoding.UTF8.GetBytes("{\"name\":\"Zoë\"}"));

        Assert.Equal("{\"name\":\"Zoë\"}", fromBytes.Payload);
        Assert.Equal(Encoding.UTF8.GetBytes("{\"name\":\"Zoë\"}"), fromText.PayloadUtf8.ToArray());
        Assert.Equal(fromText, fromBytes);
    }

    [Fact]
    public void Bytes_given_are_copied_so_the_row_does_not_change_with_the_callers_buffer()
    {
        var buffer = Encoding.UTF8.GetBytes("{\"n\":1}");
        var row = Row(buffer);

        buffer[5] = (byte)'2';

        Assert.Equal("{\"n\":1}", row.Payload);
    }

    [Fact]
    public void A_row_given_no_payload_holds_the_empty_object()
    {
        var row = new JobRow { Id = 1, DatabaseId = Guid.Empty, TaskIdentifier = "t" };

        Assert.Equal("{}", row.Payload);
        Assert.Equal("{}"u8.ToArray(), row.PayloadUtf8.ToArray());
    }

    private static JobRow Row(byte[]? bytes = null, string? text = null) => text is not null
        ? new JobRow { Id = 1, DatabaseId = Guid.Empty, TaskIdentifier = "t", Payload = text }
        : new JobRow { Id = 1, DatabaseId = Guid.Empty, TaskIdentifier = "t", PayloadUtf8 = bytes };
}

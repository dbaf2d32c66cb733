namespace Jobs.Generators;

/// <summary>
/// System.Text.Json enum values as attribute arguments carry them (plain numbers): the generator
/// targets netstandard2.0 and cannot reference the System.Text.Json the user compiles against.
/// Named here once, and pinned to System.Text.Json's own values by a test
/// (<c>tests/Jobs.Generators.Tests/JsonEnumsTests.cs</c>).
/// </summary>
internal static class JsonEnums
{
    /// <summary><c>System.Text.Json.Serialization.JsonIgnoreCondition</c>.</summary>
    public enum IgnoreCondition
    {
        Never = 0,
        Always = 1,
        WhenWritingDefault = 2,
        WhenWritingNull = 3,
        WhenWriting = 4,
        WhenReading = 5,
    }

    /// <summary><c>System.Text.Json.Serialization.JsonKnownNamingPolicy</c>.</summary>
    public enum KnownNamingPolicy
    {
        Unspecified = 0,
        CamelCase = 1,
        SnakeCaseLower = 2,
        SnakeCaseUpper = 3,
        KebabCaseLower = 4,
        KebabCaseUpper = 5,
    }

    /// <summary><c>System.Text.Json.JsonSerializerDefaults</c>.</summary>
    public enum SerializerDefaults
    {
        General = 0,
        Web = 1,
        Strict = 2,
    }
}

namespace Jobs.Generators.Model;

/// <summary>Mirrors <c>Jobs.JobsNamingPolicy</c>; the values must stay equal.</summary>
internal enum NamingPolicy
{
    SnakeCaseLower = 0,
    SnakeCaseUpper = 1,
    KebabCaseLower = 2,
    KebabCaseUpper = 3,
    CamelCase = 4,
    AsDeclared = 5,
}

using System.Text.Json;
using CsCheck;
using GeneratorPolicy = Jobs.Generators.Model.JobsNamingPolicy;

namespace Jobs.Generators.Tests;

/// <summary>The generator's port of System.Text.Json's naming policies gives the same names on random identifiers.</summary>
public sealed class JsonNamesTests
{
    private static readonly Gen<string> Identifiers = Gen.OneOf(
            Gen.Char['A', 'Z'], Gen.Char['a', 'z'], Gen.Char['0', '9'], Gen.Const('_'), Gen.Const(' '), Gen.Const('É'), Gen.Const('ß'), Gen.Const('-'))
        .Array[0, 16]
        .Select(chars => new string(chars));

    [Theory]
    [InlineData(JobsNamingPolicy.SnakeCaseLower)]
    [InlineData(JobsNamingPolicy.SnakeCaseUpper)]
    [InlineData(JobsNamingPolicy.KebabCaseLower)]
    [InlineData(JobsNamingPolicy.KebabCaseUpper)]
    [InlineData(JobsNamingPolicy.CamelCase)]
    public void Names_equal_System_Text_Json_naming_policies(JobsNamingPolicy policy)
    {
        var reference = policy switch
        {
            JobsNamingPolicy.SnakeCaseLower => JsonNamingPolicy.SnakeCaseLower,
            JobsNamingPolicy.SnakeCaseUpper => JsonNamingPolicy.SnakeCaseUpper,
            JobsNamingPolicy.KebabCaseLower => JsonNamingPolicy.KebabCaseLower,
            JobsNamingPolicy.KebabCaseUpper => JsonNamingPolicy.KebabCaseUpper,
            _ => JsonNamingPolicy.CamelCase,
        };

        Identifiers.Sample(name => Assert.Equal(reference.ConvertName(name), JsonNames.Convert(name, (GeneratorPolicy)policy)), iter: 20_000);
    }

    [Theory]
    [InlineData("UserID", "user_id")]
    [InlineData("HTMLBody", "html_body")]
    [InlineData("Utf8Text", "utf8_text")]
    [InlineData("X", "x")]
    public void Typical_names_become_snake_case(string name, string expected) =>
        Assert.Equal(expected, JsonNames.Convert(name, GeneratorPolicy.SnakeCaseLower));

    [Fact]
    public void As_declared_keeps_the_name() => Assert.Equal("UserID", JsonNames.Convert("UserID", GeneratorPolicy.AsDeclared));

    [Theory]
    [InlineData("Acme.Mail", "AcmeMail")]
    [InlineData("acme-mail.worker", "AcmeMailWorker")]
    [InlineData("1st.App", "_1stApp")]
    [InlineData("", "Assembly")]
    public void Assembly_names_become_identifiers(string assemblyName, string expected) =>
        Assert.Equal(expected, JobsGenerator.Parser.AssemblyIdentifier(assemblyName));
}

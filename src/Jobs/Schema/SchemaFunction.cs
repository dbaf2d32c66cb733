namespace Jobs.Schema;

/// <summary>A function of the schema as the catalog declares it: what can be passed to it by name.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Parameters">Its input parameter names, in order.</param>
/// <param name="ParametersWithDefaults">How many of the last parameters have defaults.</param>
public sealed record SchemaFunction(string Name, IReadOnlyList<string> Parameters, int ParametersWithDefaults)
{
    /// <summary>True when the function takes a parameter of this name.</summary>
    public bool Takes(string parameter) => Parameters.Contains(parameter, StringComparer.Ordinal);

    /// <summary>True when the parameter exists and may be left out of a call.</summary>
    public bool HasDefault(string parameter)
    {
        var index = Parameters.ToList().IndexOf(parameter);
        return index >= 0 && index >= Parameters.Count - ParametersWithDefaults;
    }
}

namespace Jobs.Schema;

/// <summary>A SECURITY DEFINER function of the schema, as the catalog names it.</summary>
/// <param name="Name">Its name.</param>
/// <param name="IdentityArguments">Its arguments as <c>pg_get_function_identity_arguments</c> prints them (names and types).</param>
public sealed record DefinerFunction(string Name, string IdentityArguments);

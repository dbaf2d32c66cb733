namespace Jobs.Schema;

/// <summary>Something a schema lacks that the framework would use, and the SQL a DBA can apply.</summary>
/// <param name="Name">The object the SQL creates.</param>
/// <param name="Reason">What goes wrong without it.</param>
/// <param name="Sql">The statement to run; it adds no behaviour.</param>
public sealed record SchemaAdvice(string Name, string Reason, string Sql);

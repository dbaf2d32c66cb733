namespace Jobs.Cli.Parsing;

/// <summary>A parse that reports success, as <see cref="int.TryParse(string?, out int)"/> does.</summary>
internal delegate bool TryParse<T>(string text, out T value);

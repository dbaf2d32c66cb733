using System.Linq;
using Microsoft.CodeAnalysis;

namespace Jobs.Generators;

/// <summary>
/// Turns <c>[JobTask]</c> handlers into typed enqueue methods, payload serializers over
/// Utf8JsonWriter/Utf8JsonReader, one dispatcher per assembly and its DI registration.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class JobsGenerator : IIncrementalGenerator
{
    /// <summary>The names of the pipeline's steps, for caching tests.</summary>
    internal static class TrackingNames
    {
        public const string Handlers = nameof(Handlers);
        public const string Settings = nameof(Settings);
        public const string Assembly = nameof(Assembly);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var handlers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                HandlerRules.JobTaskAttribute,
                static (node, _) => HandlerRules.IsHandlerDeclaration(node),
                Parser.ParseHandler)
            .Where(static handler => handler is not null)
            .Select(static (handler, _) => handler!)
            .WithTrackingName(TrackingNames.Handlers);

        var settings = context.CompilationProvider
            .Select(static (compilation, cancellationToken) => Parser.ParseSettings(compilation, cancellationToken))
            .WithTrackingName(TrackingNames.Settings);

        var assembly = handlers.Collect()
            .Combine(settings)
            .WithTrackingName(TrackingNames.Assembly);

        context.RegisterSourceOutput(assembly, static (output, input) =>
        {
            foreach (var file in Emitter.Emit(input.Left.ToList(), input.Right))
            {
                output.AddSource(file.HintName, file.Source);
            }
        });
    }
}

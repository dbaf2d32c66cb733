using System.Collections.Generic;
using System.Globalization;
using Jobs.Generators.Model;

namespace Jobs.Generators;

public sealed partial class JobsGenerator
{
    internal static partial class Emitter
    {
        private const string Task = "global::System.Threading.Tasks.Task";
        private const string Token = "global::System.Threading.CancellationToken";

        private static string Dispatcher(IReadOnlyList<HandlerModel> handlers, AssemblySettings settings, PayloadNames names)
        {
            var w = new SourceWriter();
            w.WriteLine(Header);
            w.WriteLine("namespace Jobs.Generated;");
            w.WriteLine();
            w.WriteLine("/// <summary>");
            w.WriteLine("/// The dispatch table of this assembly's job handlers: task name → payload → handler from the");
            w.WriteLine("/// job's DI scope → <c>HandleAsync</c>. Registered by the generated <c>Add" + settings.Identifier + "JobHandlers()</c>.");
            w.WriteLine("/// </summary>");
            w.WriteLine(GeneratedCode);
            w.OpenBlock($"public sealed class {DispatcherClass(settings)} : global::Jobs.IJobDispatcher");
            w.WriteLine("private static readonly global::System.Collections.ObjectModel.ReadOnlyCollection<global::Jobs.JobTaskDescriptor> s_tasks = new(new global::Jobs.JobTaskDescriptor[]");
            w.WriteLine("{");
            w.Indent();
            foreach (var handler in handlers)
            {
                var timeout = handler.TimeoutSeconds is { } seconds
                    ? $"global::System.TimeSpan.FromSeconds({seconds.ToString(CultureInfo.InvariantCulture)})"
                    : "null";
                var payloadType = handler.Args.IsNullable ? handler.Args.TypeName + "?" : handler.Args.TypeName;
                w.WriteLine($"global::Jobs.JobTaskDescriptor.Of<{payloadType}>({Literal(handler.TaskName)}, {timeout}, static json => global::Jobs.Generated.{PayloadsClass(settings)}.Deserialize{names.Root(handler.Args)}(json), {Literal(Schema(handler, settings, names))}, {SqlFunction(handler, settings, names)}),");
            }
            w.Unindent();
            w.WriteLine("});");
            w.WriteLine();
            w.WriteLine("/// <inheritdoc />");
            w.WriteLine("public global::System.Collections.Generic.IReadOnlyList<global::Jobs.JobTaskDescriptor> Tasks => s_tasks;");
            w.WriteLine();
            w.WriteLine("/// <inheritdoc />");
            w.OpenBlock($"public global::System.Threading.Tasks.ValueTask DispatchAsync(global::Jobs.JobContext context, {Token} cancellationToken)");
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(context);");
            w.OpenBlock("switch (context.TaskIdentifier)");
            foreach (var handler in handlers)
            {
                w.WriteLine($"case {Literal(handler.TaskName)}:");
                w.WriteLine("{");
                w.Indent();
                w.WriteLine($"var args = global::Jobs.Generated.{PayloadsClass(settings)}.Deserialize{names.Root(handler.Args)}(context.Payload.Span);");
                w.WriteLine($"global::Jobs.IJobHandler<{DeclaredName(handler.Args)}> handler = global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<{handler.TypeName}>(context.Services);");
                w.WriteLine("return new global::System.Threading.Tasks.ValueTask(handler.HandleAsync(args, context, cancellationToken));");
                w.CloseBlock();
            }
            w.WriteLine("default:");
            w.Indent();
            w.WriteLine($"throw new global::Jobs.PermanentJobFailureException(\"{DispatcherClass(settings)} has no handler for the task '\" + context.TaskIdentifier + \"'.\");");
            w.Unindent();
            w.CloseBlock();
            w.CloseBlock();
            w.CloseBlock();
            return w.ToString();
        }

        private static string Registration(IReadOnlyList<HandlerModel> handlers, AssemblySettings settings, PayloadNames names)
        {
            var w = new SourceWriter();
            w.WriteLine(Header);
            w.WriteLine("namespace Microsoft.Extensions.DependencyInjection;");
            w.WriteLine();
            w.WriteLine("/// <summary>Registers this assembly's job handlers and dispatcher, each type named: no scanning, no reflection.</summary>");
            w.WriteLine(GeneratedCode);
            w.OpenBlock($"public static class {settings.Identifier}JobHandlersServiceCollectionExtensions");
            w.WriteLine("/// <summary>");
            w.WriteLine("/// Registers every <c>[JobTask]</c> handler of this assembly as scoped, and its dispatcher for the worker.");
            w.WriteLine("/// Calling it again changes nothing.");
            w.WriteLine("/// </summary>");
            w.OpenBlock($"public static global::Microsoft.Extensions.DependencyInjection.IServiceCollection Add{settings.Identifier}JobHandlers(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services)");
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(services);");
            w.OpenBlock("foreach (var descriptor in services)");
            w.OpenBlock($"if (!descriptor.IsKeyedService && descriptor.ServiceType == typeof(global::Jobs.IJobDispatcher) && descriptor.ImplementationInstance is global::Jobs.Generated.{DispatcherClass(settings)})");
            w.WriteLine("return services;");
            w.CloseBlock();
            w.CloseBlock();
            foreach (var handler in handlers)
            {
                w.WriteLine($"global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddScoped<{handler.TypeName}>(services);");
            }
            foreach (var handler in handlers)
            {
                if (handler.Recurring is { } recurring)
                {
                    WriteRecurring(w, handler, recurring, names);
                }
            }
            w.WriteLine($"return global::Jobs.JobsServiceCollectionExtensions.AddJobDispatcher(services, new global::Jobs.Generated.{DispatcherClass(settings)}());");
            w.CloseBlock();
            w.CloseBlock();
            return w.ToString();
        }

        private static void WriteRecurring(SourceWriter w, HandlerModel handler, RecurringModel recurring, PayloadNames names)
        {
            var timeZone = recurring.TimeZone is null ? "" : $", {Literal(recurring.TimeZone)}";
            w.WriteLine($"global::Jobs.JobsServiceCollectionExtensions.AddRecurringJob(services, new global::Jobs.RecurringJob({Literal(handler.TaskName)}, {Literal(recurring.Cron)}{timeZone})");
            w.WriteLine("{");
            w.Indent();
            if (recurring.Key is not null)
            {
                w.WriteLine($"Key = {Literal(recurring.Key)},");
            }
            if (names.Versioned(handler.Args) is { } versioned)
            {
                // Stamped like every payload of the version (an attribute's payload is of the current one).
                w.WriteLine($"PayloadJson = global::Jobs.JobPayloadVersions.Stamp({Literal(recurring.Payload ?? "{}")}, {versioned.Version}),");
            }
            else if (recurring.Payload is not null)
            {
                w.WriteLine($"PayloadJson = {Literal(recurring.Payload)},");
            }
            if (handler.Queue is not null)
            {
                w.WriteLine($"Queue = {Literal(handler.Queue)},");
            }
            if (handler.Priority is { } priority)
            {
                w.WriteLine($"Priority = {priority.ToString(System.Globalization.CultureInfo.InvariantCulture)},");
            }
            if (handler.MaxAttempts is { } maxAttempts)
            {
                w.WriteLine($"MaxAttempts = {maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture)},");
            }
            w.CloseBlock(");");
        }

        private static string Enqueue(IReadOnlyList<HandlerModel> handlers, AssemblySettings settings, PayloadNames names)
        {
            var w = new SourceWriter();
            w.WriteLine(Header);
            w.WriteLine("namespace Jobs;");
            w.WriteLine();
            w.WriteLine("/// <summary>Typed enqueue methods for this assembly's job handlers.</summary>");
            w.WriteLine(GeneratedCode);
            w.OpenBlock($"public static class {settings.Identifier}JobsClientExtensions");
            var first = true;
            foreach (var handler in handlers)
            {
                if (!first)
                {
                    w.WriteLine();
                }
                first = false;
                EnqueueMethods(w, handler, settings, names);
            }
            w.CloseBlock();
            return w.ToString();
        }

        private static void EnqueueMethods(SourceWriter w, HandlerModel handler, AssemblySettings settings, PayloadNames names)
        {
            var access = handler.IsPublic ? "public" : "internal";
            var args = DeclaredName(handler.Args);
            var task = Literal(handler.TaskName);
            var serialize = $"global::Jobs.Generated.{PayloadsClass(settings)}.Serialize{names.Root(handler.Args)}";
            var options = handler.Queue is null && handler.Priority is null && handler.MaxAttempts is null
                ? "options"
                : $"global::Jobs.JobTaskDefaults.Apply(options, {(handler.Queue is null ? "null" : Literal(handler.Queue))}, {Number(handler.Priority)}, {Number(handler.MaxAttempts)})";
            var checkArgs = handler.Args.IsValueType || handler.Args.IsNullable ? null : "global::System.ArgumentNullException.ThrowIfNull(args);";
            var see = $"<see cref=\"{handler.TypeName}\"/>";
            var optionsParameter = "global::Jobs.EnqueueOptions? options = null";
            var tokenParameter = $"{Token} cancellationToken = default";
            var connectionParameters = "global::Npgsql.NpgsqlConnection connection, global::Npgsql.NpgsqlTransaction? transaction";

            var remarks = DefaultsRemarks(handler);
            w.WriteLine($"/// <summary>Enqueues a <c>{Escape(handler.TaskName)}</c> job, run by {see}.</summary>");
            WriteIf(w, remarks);
            w.OpenBlock($"{access} static {Task}<global::Jobs.JobRow> Enqueue{handler.MethodName}Async(this global::Jobs.IJobEnqueuer client, {args} args, {optionsParameter}, {tokenParameter})");
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(client);");
            WriteIf(w, checkArgs);
            w.WriteLine($"return client.EnqueueAsync(global::Jobs.JobRequest.Written({task}, {serialize}(args), {options}), cancellationToken);");
            w.CloseBlock();
            w.WriteLine();
            w.WriteLine($"/// <summary>Enqueues a <c>{Escape(handler.TaskName)}</c> job, run by {see}, on the caller's connection and transaction: it commits or rolls back with the caller's work.</summary>");
            WriteIf(w, remarks);
            w.OpenBlock($"{access} static {Task}<global::Jobs.JobRow> Enqueue{handler.MethodName}Async(this global::Jobs.JobsClient client, {connectionParameters}, {args} args, {optionsParameter}, {tokenParameter})");
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(client);");
            WriteIf(w, checkArgs);
            w.WriteLine($"return client.EnqueueWrittenAsync(connection, transaction, {task}, {serialize}(args), {options}, cancellationToken);");
            w.CloseBlock();
            w.WriteLine();
            w.WriteLine($"/// <summary>Enqueues one <c>{Escape(handler.TaskName)}</c> job per item of <paramref name=\"args\"/> in one round trip, run by {see}.</summary>");
            WriteIf(w, remarks);
            w.OpenBlock($"{access} static {Task}<global::System.Collections.Generic.IReadOnlyList<global::Jobs.JobRow>> EnqueueMany{handler.MethodName}Async(this global::Jobs.IJobEnqueuer client, global::System.Collections.Generic.IEnumerable<{args}> args, {optionsParameter}, {tokenParameter})");
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(client);");
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(args);");
            w.WriteLine($"return client.EnqueueManyAsync({handler.MethodName}Requests(args, options), cancellationToken);");
            w.CloseBlock();
            w.WriteLine();
            w.WriteLine($"/// <summary>Enqueues one <c>{Escape(handler.TaskName)}</c> job per item of <paramref name=\"args\"/> in one round trip on the caller's connection and transaction, run by {see}.</summary>");
            WriteIf(w, remarks);
            w.OpenBlock($"{access} static {Task}<global::System.Collections.Generic.IReadOnlyList<global::Jobs.JobRow>> EnqueueMany{handler.MethodName}Async(this global::Jobs.JobsClient client, {connectionParameters}, global::System.Collections.Generic.IEnumerable<{args}> args, {optionsParameter}, {tokenParameter})");
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(client);");
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(args);");
            w.WriteLine($"return client.EnqueueManyAsync(connection, transaction, {handler.MethodName}Requests(args, options), cancellationToken);");
            w.CloseBlock();
            w.WriteLine();
            w.OpenBlock($"private static global::System.Collections.Generic.IEnumerable<global::Jobs.JobRequest> {handler.MethodName}Requests(global::System.Collections.Generic.IEnumerable<{args}> args, global::Jobs.EnqueueOptions? options)");
            w.WriteLine($"var resolved = {options};");
            w.OpenBlock("foreach (var item in args)");
            if (checkArgs is not null)
            {
                w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(item, nameof(args));");
            }
            w.WriteLine($"yield return global::Jobs.JobRequest.Written({task}, {serialize}(item), resolved);");
            w.CloseBlock();
            w.CloseBlock();
        }

        /// <summary>
        /// The remark on where the attribute's defaults apply: only to jobs enqueued through these
        /// methods. A job inserted by SQL (add_job, a trigger) gets the schema's own defaults.
        /// </summary>
        private static string? DefaultsRemarks(HandlerModel handler)
        {
            var defaults = new List<string>();
            if (handler.Queue is not null)
            {
                defaults.Add($"queue <c>{Escape(handler.Queue)}</c>");
            }
            if (handler.Priority is not null)
            {
                defaults.Add($"priority {handler.Priority}");
            }
            if (handler.MaxAttempts is not null)
            {
                defaults.Add($"max attempts {handler.MaxAttempts}");
            }
            return defaults.Count == 0 ? null
                : $"/// <remarks>The task's <c>[JobTask]</c> defaults ({string.Join(", ", defaults)}) fill what <paramref name=\"options\"/> leaves null. "
                + "They reach only jobs enqueued through these methods: a job inserted from SQL (<c>app_jobs.add_job</c>, a trigger) gets the schema's defaults unless the SQL passes them.</remarks>";
        }

        private static void WriteIf(SourceWriter w, string? line)
        {
            if (line is not null)
            {
                w.WriteLine(line);
            }
        }

        private static string Number(int? value) => value is { } number ? number.ToString(CultureInfo.InvariantCulture) : "null";

        private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}

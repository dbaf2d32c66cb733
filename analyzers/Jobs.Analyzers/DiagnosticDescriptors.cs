using Microsoft.CodeAnalysis;

namespace Jobs.Analyzers;

/// <summary>
/// Every diagnostic the Jobs analyzers report. IDs are stable and explicit: a retired rule keeps
/// its number, a new rule takes the next one (and a line in AnalyzerReleases.Unshipped.md).
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>Category of the rules about [JobTask] classes and their attribute.</summary>
    public const string HandlersCategory = "Jobs.Handlers";

    /// <summary>Category of the rules about payload types.</summary>
    public const string PayloadsCategory = "Jobs.Payloads";

    /// <summary>Category of the rules about [assembly: JobsSerialization].</summary>
    public const string SerializationCategory = "Jobs.Serialization";

    /// <summary>The category of the rules about [Recurring].</summary>
    public const string RecurringCategory = "Jobs.Recurring";

    private const string HelpLinkFormat = "https://github.com/jobs-dotnet/jobs/blob/main/docs/diagnostics/{0}.md";

    /// <summary>JOBS001: two [JobTask] classes claim one task name.</summary>
    public static readonly DiagnosticDescriptor DuplicateTaskName = Create(
        "JOBS001",
        "Task name claimed by more than one handler",
        "The task name '{0}' of '{1}' is also claimed by {2}; the generator keeps only one handler per task name, so give each its own",
        HandlersCategory,
        DiagnosticSeverity.Error,
        "Each task name identifies one handler in app_jobs.jobs: the dispatcher sends every job of a task to exactly one class. Of several classes naming the same task, the generator keeps the first by type name and emits no code for the others.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>JOBS002: a task name outside 1 to 126 characters.</summary>
    public static readonly DiagnosticDescriptor InvalidTaskName = Create(
        "JOBS002",
        "Task name must have 1 to 126 characters",
        "The task name of '{0}' {1}; the schema accepts 1 to 126 characters, so the generator emits no code for this handler",
        HandlersCategory,
        DiagnosticSeverity.Error,
        "app_jobs.jobs checks length(task_identifier) < 127, and an empty name identifies nothing. The generator leaves out a handler whose name breaks those limits rather than emit code that fails at the first enqueue.");

    /// <summary>JOBS003: a [JobTask] class without IJobHandler&lt;T&gt;.</summary>
    public static readonly DiagnosticDescriptor MissingHandlerInterface = Create(
        "JOBS003",
        "[JobTask] class does not implement IJobHandler<T>",
        "'{0}' is marked [JobTask] but does not implement IJobHandler<T>, so the generator emits no code for it",
        HandlersCategory,
        DiagnosticSeverity.Error,
        "The interface's type argument is the job's payload type and HandleAsync is what the dispatcher calls: without it there is nothing to generate.");

    /// <summary>JOBS004: a [JobTask] class implementing IJobHandler&lt;T&gt; more than once.</summary>
    public static readonly DiagnosticDescriptor SeveralHandlerInterfaces = Create(
        "JOBS004",
        "[JobTask] class implements IJobHandler<T> more than once",
        "'{0}' implements {1}; a task has exactly one payload type, so the generator emits no code for it",
        HandlersCategory,
        DiagnosticSeverity.Error,
        "A task's jobs all carry one payload type. Split the class into one handler per payload type, each with its own task name (interfaces inherited from a base class count too).");

    /// <summary>JOBS005: a [JobTask] class the generator cannot emit code for.</summary>
    public static readonly DiagnosticDescriptor UnsupportedHandlerDeclaration = Create(
        "JOBS005",
        "[JobTask] class is abstract, static, generic, a record or not accessible",
        "'{0}' {1}; the generator emits no code for it",
        HandlersCategory,
        DiagnosticSeverity.Error,
        "The generated dispatcher resolves the handler from DI by its type and the generated code names it: the class must be a concrete, non-generic class declaration that the rest of its assembly can see (public or internal, and so every type it is nested in).");

    /// <summary>JOBS006: an attribute default outside the schema's limits.</summary>
    public static readonly DiagnosticDescriptor InvalidAttributeValue = Create(
        "JOBS006",
        "[JobTask] value out of the schema's limits",
        "{0} = {1} on '{2}' is out of range: {3}; the generator emits no code for this handler",
        HandlersCategory,
        DiagnosticSeverity.Error,
        "The attribute's defaults go to app_jobs.add_job for every job the caller does not give a value: a queue name needs 1 to 126 characters, max attempts and the timeout at least 1. Priority takes any int. Leave a property unset to have no default.");

    /// <summary>JOBS007: a payload needs a JsonSerializerContext and the assembly names none.</summary>
    public static readonly DiagnosticDescriptor PayloadNeedsContext = Create(
        "JOBS007",
        "Payload type needs a JsonSerializerContext",
        "The payload of '{0}' needs '{1}' (at {2}), which the generated serializer does not handle ({3}), and the assembly names no JsonSerializerContext; add one with [JsonSerializable(typeof({4}))] and name it in [assembly: JobsSerialization(Context = typeof(...))], until then the generator emits no code for this handler",
        PayloadsCategory,
        DiagnosticSeverity.Error,
        "The generated serializers handle primitives, strings, enums, Guid, dates and times, arrays, lists, string-keyed dictionaries and plain records, classes and structs of those. Any other type is read and written by the source-generated JsonSerializerContext the assembly names; without one, the handler gets no code.");

    /// <summary>JOBS008: the named context has no [JsonSerializable] for a type a payload needs.</summary>
    public static readonly DiagnosticDescriptor ContextMissingType = Create(
        "JOBS008",
        "JsonSerializerContext does not cover a payload type",
        "The payload of '{0}' needs '{1}' (at {2}) from '{3}', which has no [JsonSerializable] reaching it; add [JsonSerializable(typeof({4}))] to '{3}'",
        PayloadsCategory,
        DiagnosticSeverity.Error,
        "The generated serializer asks the context for this type's JsonTypeInfo; a context generated without it has none, and every enqueue and every run of the task throws InvalidOperationException.");

    /// <summary>JOBS009: JobsSerialization.Context names something that is not a usable context.</summary>
    public static readonly DiagnosticDescriptor InvalidContext = Create(
        "JOBS009",
        "JobsSerialization.Context is not a usable JsonSerializerContext",
        "'{0}' named by [assembly: JobsSerialization(Context = ...)] {1}; the generator ignores it, so handlers whose payloads need a context get no code",
        SerializationCategory,
        DiagnosticSeverity.Error,
        "Context must name a concrete, non-generic class deriving from System.Text.Json.Serialization.JsonSerializerContext (normally a partial class System.Text.Json's source generator completes) that the assembly can refer to.");

    /// <summary>JOBS010: a payload type System.Text.Json cannot create when reading.</summary>
    public static readonly DiagnosticDescriptor PayloadNotDeserializable = Create(
        "JOBS010",
        "Payload type cannot be deserialized",
        "'{0}', in the payload of '{1}' (at {2}), {3}; System.Text.Json cannot create it either, so every job of this task would fail to read its payload",
        PayloadsCategory,
        DiagnosticSeverity.Warning,
        "To read a payload, an object is created through its deserialization constructor: the one marked [JsonConstructor], else a public parameterless one, else the only public one. Interfaces and abstract classes need [JsonPolymorphic] and [JsonDerivedType], or a [JsonConverter].");

    /// <summary>JOBS011: two handlers whose enqueue methods would have the same name.</summary>
    public static readonly DiagnosticDescriptor DuplicateMethodName = Create(
        "JOBS011",
        "Handlers would get the same enqueue method name",
        "'{0}' and {1} would get the same enqueue methods, Enqueue{2}Async; the generator emits them only for the first by task name, so rename the classes apart",
        HandlersCategory,
        DiagnosticSeverity.Error,
        "Enqueue methods are named after the handler class less a trailing Handler or Job, whatever its namespace: Acme.Mail.SendHandler and Acme.Sms.SendJob both give EnqueueSendAsync. The generator keeps the first by task name and emits no code for the others.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>JOBS012: a payload type the generated code cannot name.</summary>
    public static readonly DiagnosticDescriptor PayloadNotAccessible = Create(
        "JOBS012",
        "Payload type is not accessible from generated code",
        "The payload type '{0}' of '{1}' is not accessible from the rest of the assembly, so the generator emits no code for this handler; make it (and every type it is nested in) internal or public",
        PayloadsCategory,
        DiagnosticSeverity.Error,
        "The generated serializer, enqueue methods and dispatcher live in their own classes of the same assembly and must name the payload type.");

    /// <summary>JOBS013: [Recurring] with an invalid cron expression.</summary>
    public static readonly DiagnosticDescriptor InvalidCron = Create(
        "JOBS013",
        "Invalid cron expression in [Recurring]",
        "The cron expression \"{0}\" of '{1}' is invalid: {2}; the generator registers no schedule for this handler",
        RecurringCategory,
        DiagnosticSeverity.Error,
        "[Recurring] takes a cron expression of five fields (minute hour day-of-month month day-of-week), or six with seconds first, in the syntax the scheduler reads at run time (Cronos): lists, ranges, steps, month and weekday names, ?, L, W and #. Macros such as @daily are not accepted.");

    /// <summary>JOBS014: [Recurring] with a Payload that is not valid JSON.</summary>
    public static readonly DiagnosticDescriptor InvalidRecurringPayload = Create(
        "JOBS014",
        "Invalid payload JSON in [Recurring]",
        "The Payload of [Recurring] on '{0}' is not valid JSON: {1}; the generator registers no schedule for this handler",
        RecurringCategory,
        DiagnosticSeverity.Error,
        "Payload is the JSON text every scheduled job carries, read by the handler's payload deserializer; it must be valid JSON (RFC 8259: double-quoted names and strings, no comments or trailing commas).");

    /// <summary>JOBS015: [Recurring] on a class that is not a [JobTask] handler.</summary>
    public static readonly DiagnosticDescriptor RecurringWithoutJobTask = Create(
        "JOBS015",
        "[Recurring] without [JobTask]",
        "'{0}' has [Recurring] but no [JobTask], so no schedule is registered for it",
        RecurringCategory,
        DiagnosticSeverity.Warning,
        "The generator registers a schedule for the task named by [JobTask] on the same class; [Recurring] alone does nothing.");

    /// <summary>JOBS016: JobsSerialization.NamingPolicy is not one of the JobsNamingPolicy values.</summary>
    public static readonly DiagnosticDescriptor UnknownNamingPolicy = Create(
        "JOBS016",
        "JobsSerialization.NamingPolicy is not a JobsNamingPolicy value",
        "NamingPolicy {0} is not one of the JobsNamingPolicy values; the generator ignores it and writes snake_case names",
        SerializationCategory,
        DiagnosticSeverity.Error,
        "A cast such as (JobsNamingPolicy)9 compiles but names no policy; the generator then falls back to the default, snake_case, which is probably not what was meant.");

    /// <summary>JOBS017: a non-public member System.Text.Json reads or writes that generated code cannot reach on the target framework.</summary>
    public static readonly DiagnosticDescriptor MemberNotReachable = Create(
        "JOBS017",
        "Payload member System.Text.Json uses cannot be reached by generated code",
        "{0} of '{1}' in the payload of '{2}' is read or written by System.Text.Json, but generated code cannot reach it: {3}; the generator emits no code for this handler",
        PayloadsCategory,
        DiagnosticSeverity.Error,
        "System.Text.Json reads and writes non-public members marked [JsonInclude] and calls a non-public [JsonConstructor]. The generated serializer does the same through [UnsafeAccessor], which .NET 8 introduced and .NET 9 extended to generic types. On an older target framework the payload would silently lose the member, so the handler gets no code instead.");

    /// <summary>JOBS018: a context-served subtree would be named by the context's options, not the assembly's naming.</summary>
    public static readonly DiagnosticDescriptor ContextNamingMismatch = Create(
        "JOBS018",
        "JsonSerializerContext names a payload type differently from the assembly",
        "The payload of '{0}' has '{1}' (at {2}), written by '{3}', whose {4} is {5} while the assembly's JobsSerialization naming is {6}: {7}; set [JsonSourceGenerationOptions({4} = JsonKnownNamingPolicy.{8})] on '{3}'",
        PayloadsCategory,
        DiagnosticSeverity.Error,
        "The generated serializer writes a payload with the assembly's naming policy, but a type it leaves to the JsonSerializerContext is written and read with the context's [JsonSourceGenerationOptions]. When those name a user type's properties (or a dictionary's keys) differently, the payload matches neither System.Text.Json with the assembly's naming nor JSON written elsewhere in it, such as by SQL, and values read back as defaults.");

    /// <summary>JOBS019: an object-typed payload member: what serializes is decided at run time.</summary>
    public static readonly DiagnosticDescriptor ObjectMember = Create(
        "JOBS019",
        "Payload member typed object",
        "The payload of '{0}' has 'object' in '{1}' (at {2}): System.Text.Json writes the value's run-time type through the JsonSerializerContext, so a type the context has no [JsonSerializable] for throws NotSupportedException at enqueue, and reading gives a JsonElement, never the type written; use a concrete type, or [JsonPolymorphic] with [JsonDerivedType]",
        PayloadsCategory,
        DiagnosticSeverity.Warning,
        "An object-typed member is written with the metadata of the value's run-time type, which the source-generated context must list; reading cannot know the type and produces a JsonElement. A JsonElement (or JsonNode, JsonDocument) value round-trips as the same JSON.");

    /// <summary>JOBS020: a payload type System.Text.Json itself refuses (it throws InvalidOperationException for its contract).</summary>
    public static readonly DiagnosticDescriptor PayloadRefusedBySystemTextJson = Create(
        "JOBS020",
        "Payload type System.Text.Json refuses",
        "'{0}' in the payload of '{1}' is refused by System.Text.Json, which throws InvalidOperationException for it whether reflection-based or source-generated: {2}; the generator emits no code for this handler",
        PayloadsCategory,
        DiagnosticSeverity.Error,
        "Some attribute combinations make System.Text.Json throw InvalidOperationException as soon as it builds a type's contract, on every serialize and deserialize: [JsonIgnore(Condition = WhenWritingNull)] on a non-nullable value-type member, a required member (C# required or [JsonRequired]) that reading never sets, and two members with the same JSON name. The generated serializer would have to pick some other behaviour, silently; no JsonSerializerContext can serve the type either. So the handler gets no code until the type is fixed.");

    /// <summary>The category of the rules about jobs.contracts.json.</summary>
    public const string ContractsCategory = "Jobs.Contracts";

    /// <summary>JOBS021: a payload change that breaks payloads recorded under the task's contract.</summary>
    public static readonly DiagnosticDescriptor BreakingPayloadChange = Create(
        "JOBS021",
        "Payload change breaks the task's recorded contract",
        "The payload of task '{0}' ({1}) breaks its contract in jobs.contracts.json: {2}. Jobs already enqueued, and SQL producers writing the recorded shape, would fail to read or read differently. Restore the shape; or, once no job of the old shape can be waiting, delete the task's entry from jobs.contracts.json and record the new shape with the code fix of JOBS022.",
        ContractsCategory,
        DiagnosticSeverity.Error,
        "jobs.contracts.json records, per task, the payload shape that jobs already in the table and SQL producers rely on. A member removed or renamed, a type changed (other than widened), null or a missing member no longer accepted, or an enum name dropped makes some of those payloads fail or read differently.");

    /// <summary>JOBS022: a compatible payload change, or a task the contract does not list yet.</summary>
    public static readonly DiagnosticDescriptor AdditivePayloadChange = Create(
        "JOBS022",
        "Payload change to record in jobs.contracts.json",
        "The payload of task '{0}' ({1}) differs from jobs.contracts.json compatibly: {2}; record it with the code fix",
        ContractsCategory,
        DiagnosticSeverity.Info,
        "A new task, a new optional member, null newly accepted, a wider number or a new enum name reads every payload the recorded contract allowed. The code fix records the new shape of every task whose change is compatible.");

    /// <summary>JOBS023: a task the contract lists that no handler serves any more.</summary>
    public static readonly DiagnosticDescriptor ContractTaskRemoved = Create(
        "JOBS023",
        "Task of jobs.contracts.json has no handler",
        "jobs.contracts.json records task '{0}', which no [JobTask] of this assembly handles any more: its jobs already enqueued would fail as an unknown task. Restore the handler; or, once none can be waiting, delete the task's entry from jobs.contracts.json.",
        ContractsCategory,
        DiagnosticSeverity.Error,
        "A task removed or renamed leaves the jobs already enqueued under its name with no handler.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>JOBS024: jobs.contracts.json cannot be read.</summary>
    public static readonly DiagnosticDescriptor ContractUnreadable = Create(
        "JOBS024",
        "jobs.contracts.json cannot be read",
        "jobs.contracts.json cannot be read: {0}; no payload contract is checked until it can",
        ContractsCategory,
        DiagnosticSeverity.Error,
        "The file is JSON: an object whose \"tasks\" map task names to their \"payload\" type and named \"types\". The code fix of JOBS022 writes it.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>JOBS025: a [JobPayloadVersion] the generated reader cannot honour.</summary>
    public static readonly DiagnosticDescriptor PayloadVersionInvalid = Create(
        "JOBS025",
        "[JobPayloadVersion] cannot be honoured",
        "[JobPayloadVersion] on '{0}' cannot be honoured: {1}; until it is, the type is written and read unversioned",
        ContractsCategory,
        DiagnosticSeverity.Error,
        "A versioned payload type names the type of the version before (Previous) and converts from it with a static Upcast method, which the generated reader calls for payloads of earlier versions. The version is 2 or more, and above Previous's own.");

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description, params string[] customTags) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description, string.Format(System.Globalization.CultureInfo.InvariantCulture, HelpLinkFormat, id), customTags);
}

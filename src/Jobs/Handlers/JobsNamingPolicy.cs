// Also compiled into the generator and the analyzers (linked, BUILDING_SOURCE_GENERATOR defined),
// which read [assembly: JobsSerialization(NamingPolicy = ...)] by these very values: there, a model
// type of their own, beside this public one.
#if BUILDING_SOURCE_GENERATOR
namespace Jobs.Generators.Model;
#else
namespace Jobs;
#endif

/// <summary>How the generated payload serializers name JSON properties, as System.Text.Json's policies of the same names do.</summary>
#if BUILDING_SOURCE_GENERATOR
internal
#else
public
#endif
enum JobsNamingPolicy
{
    /// <summary><c>user_id</c>: what SQL-side producers (<c>add_job</c>, <c>to_json(row)</c>) speak. The default.</summary>
    SnakeCaseLower = 0,

    /// <summary><c>USER_ID</c>.</summary>
    SnakeCaseUpper = 1,

    /// <summary><c>user-id</c>.</summary>
    KebabCaseLower = 2,

    /// <summary><c>USER-ID</c>.</summary>
    KebabCaseUpper = 3,

    /// <summary><c>userId</c>.</summary>
    CamelCase = 4,

    /// <summary><c>UserId</c>: the C# name as declared.</summary>
    AsDeclared = 5,
}

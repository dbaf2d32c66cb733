using System.Reflection;
using Jobs.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Jobs.Generators.Tests;

/// <summary>
/// The models that flow between pipeline steps hold no symbol, syntax, location or compilation:
/// those root old compilations and defeat caching. Walks the model graph by reflection.
/// </summary>
public sealed class ModelTests
{
    private static readonly Type[] Forbidden = [typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(SyntaxTree)];

    [Theory]
    [InlineData(typeof(HandlerModel))]
    [InlineData(typeof(AssemblySettings))]
    public void No_field_of_the_model_graph_is_a_compiler_object(Type root)
    {
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>([root]);
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string))
            {
                continue;
            }
            Assert.DoesNotContain(Forbidden, forbidden => forbidden.IsAssignableFrom(type));
            Assert.True(type.IsValueType || type.IsSealed, $"{type} is not sealed, so a subclass could add anything.");
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                Assert.False(field.FieldType == typeof(object), $"{type}.{field.Name} is an object.");
                pending.Enqueue(field.FieldType);
                foreach (var argument in field.FieldType.IsArray ? [field.FieldType.GetElementType()!] : field.FieldType.GetGenericArguments())
                {
                    pending.Enqueue(argument);
                }
            }
        }
        if (root == typeof(HandlerModel))
        {
            // The walk reached the nested models, so it looked at the whole graph.
            Assert.Contains(typeof(PayloadShape), seen);
            Assert.Contains(typeof(PayloadProperty), seen);
            Assert.Contains(typeof(TypeRef), seen);
        }
    }

    [Fact]
    public void Models_with_equal_content_are_equal()
    {
        static HandlerModel Make() => new("global::A.H", "H", "h", null, null, null, null, true,
            new TypeRef("global::A.Args", ValueKind.Shape, false, false, null, "global::A.Args"),
            new[] { new PayloadShape("global::A.Args", "Args", ShapeKind.Object, "global::A.Args", false, null,
                new[] { new PayloadProperty("X", null, new TypeRef("int", ValueKind.Int32, false, true), WriteCondition.Always, ReadMode.Constructor, true, null, "global::A.Args") }.ToEquatableArray(),
                new[] { "X" }.ToEquatableArray()) }.ToEquatableArray());

        Assert.Equal(Make(), Make());
        Assert.Equal(Make().GetHashCode(), Make().GetHashCode());
    }
}

using System.Reflection;
using System.Text;

namespace ConsentKit.Tests;

/// <summary>
/// Keeps the public surface of the package small and deliberate: any change to it shows up here and
/// must be approved by updating PublicApi.approved.txt in the same commit.
/// </summary>
public class PublicApiTests
{
    [Fact]
    public void PublicApi_ComparedWithApprovedList_IsUnchanged()
    {
        // Arrange
        var approvedPath = Path.Combine(Assets.ClientAssetTests.RepositoryRoot(), "tests", "ConsentKit.Tests", "PublicApi.approved.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";

        // Act
        var actual = Describe(typeof(IConsentFeature).Assembly);

        // Assert
        if (actual != approved)
        {
            File.WriteAllText(Path.ChangeExtension(approvedPath, ".received.txt"), actual);
        }

        Assert.Equal(approved, actual);
    }

    private static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            lines.Add($"{Kind(type)} {type.FullName}");
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(flags))
            {
                if (member is MethodInfo { IsSpecialName: true })
                {
                    continue; // property accessors are listed with their property
                }

                lines.Add($"{type.FullName}::{Signature(member)}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return new StringBuilder().AppendJoin('\n', lines).Append('\n').ToString();
    }

    private static string Kind(Type type) =>
        type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : "class";

    private static string Signature(MemberInfo member) => member switch
    {
        ConstructorInfo c => $".ctor({Parameters(c.GetParameters())})",
        MethodInfo m => $"{(m.IsStatic ? "static " : "")}{TypeName(m.ReturnType)} {m.Name}{Generic(m)}({Parameters(m.GetParameters())})",
        PropertyInfo p => $"{TypeName(p.PropertyType)} {p.Name} {{{(p.GetMethod?.IsPublic == true ? " get;" : "")}{(p.SetMethod?.IsPublic == true ? " set;" : "")} }}",
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static readonly " : "")}{TypeName(f.FieldType)} {f.Name}",
        EventInfo e => $"event {TypeName(e.EventHandlerType!)} {e.Name}",
        Type t => $"nested {t.Name}",
        _ => member.ToString()!,
    };

    private static string Generic(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : "";

    private static string Parameters(ParameterInfo[] parameters) =>
        string.Join(", ", parameters.Select(p => $"{TypeName(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : "")}"));

    private static string TypeName(Type type) =>
        type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>"
            : type.Name;
}

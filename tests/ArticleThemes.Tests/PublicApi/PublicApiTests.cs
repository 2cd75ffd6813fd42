using System.Reflection;
using System.Text;
using ArticleThemes.Extensions.DependencyInjection;

namespace ArticleThemes.Tests.PublicApi;

/// <summary>
/// The public API is tracked: any change to it fails this test until the approved listing beside it is updated,
/// so API changes are always deliberate. On failure the new listing is written as a .received.txt file in the test
/// output folder (the approved listings are copied there by the project file).
/// </summary>
public class PublicApiTests
{
    [Theory]
    [InlineData("ArticleThemes")]
    [InlineData("ArticleThemes.Semantic")]
    [InlineData("ArticleThemes.Extensions.DependencyInjection")]
    public void The_public_API_matches_the_approved_listing(string assemblyName)
    {
        var assembly = assemblyName switch
        {
            "ArticleThemes" => typeof(ThemeClassifier).Assembly,
            "ArticleThemes.Semantic" => typeof(ArticleThemes.Semantic.SemanticThemeClassifier).Assembly,
            _ => typeof(ThemeClassifierOptions).Assembly,
        };
        string actual = Describe(assembly);
        string directory = Path.Combine(AppContext.BaseDirectory, "PublicApi");
        string approvedPath = Path.Combine(directory, $"{assemblyName}.approved.txt");
        string approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        string receivedPath = Path.Combine(directory, $"{assemblyName}.received.txt");

        if (approved != actual)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(receivedPath, actual);
        }

        Assert.True(approved == actual, $"The public API of {assemblyName} changed. If that is deliberate, copy {receivedPath} over tests/ArticleThemes.Tests/PublicApi/{assemblyName}.approved.txt and note it in CHANGELOG.md.");
    }

    private static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add($"{Kind(type)} {Name(type)}{Bases(type)}");
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var members = type.GetMembers(flags)
                .Where(m => m is not MethodInfo { IsSpecialName: true })
                .Select(Member)
                .Where(m => m is not null)
                .Order(StringComparer.Ordinal);
            lines.AddRange(members.Select(m => "  " + m));
        }

        return string.Join("\n", lines) + "\n";
    }

    private static string Kind(Type type) => type switch
    {
        { IsEnum: true } => "enum",
        { IsInterface: true } => "interface",
        { IsValueType: true } => "struct",
        { IsAbstract: true, IsSealed: true } => "static class",
        { IsSealed: true } => "sealed class",
        { IsAbstract: true } => "abstract class",
        _ => "class",
    };

    private static string Bases(Type type)
    {
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum))
        {
            bases.Add(Name(b));
        }

        // Internal interfaces are not part of the public API.
        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Order(StringComparer.Ordinal));
        return bases.Count == 0 ? string.Empty : " : " + string.Join(", ", bases);
    }

    private static string? Member(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"ctor({Parameters(c.GetParameters())})",
        MethodInfo m => $"{(m.IsStatic ? "static " : string.Empty)}{Name(m.ReturnType)} {m.Name}({Parameters(m.GetParameters())})",
        PropertyInfo p => $"{(p.GetMethod?.IsStatic == true ? "static " : string.Empty)}{Name(p.PropertyType)} {p.Name} {{ {(p.GetMethod?.IsPublic == true ? "get; " : string.Empty)}{(p.SetMethod?.IsPublic == true ? (IsInitOnly(p.SetMethod) ? "init; " : "set; ") : string.Empty)}}}",
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{Name(f.FieldType)} {f.Name}{(f.IsLiteral ? " = " + f.GetRawConstantValue() : string.Empty)}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        Type nested => $"nested {Name(nested)}",
        _ => null,
    };

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static string Parameters(ParameterInfo[] parameters) =>
        string.Join(", ", parameters.Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)}"));

    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return "ref " + Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (!type.IsGenericType)
        {
            return type.FullName ?? type.Name;
        }

        string name = type.GetGenericTypeDefinition().FullName ?? type.Name;
        name = name[..name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
    }
}

using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiLabelContrastive.Notebooks.Execution;

namespace MultiLabelContrastive.Notebooks.Parameters;

/// <summary>
/// Papermill's parameters for C#: the names a <c>parameters</c> cell declares, and the code of the injected cell that
/// assigns the overrides, each value converted to the type of the parameter's default (bool, integers, floating point,
/// decimal, string, char, enums, their nullable forms, and arrays of them written comma-separated).
/// </summary>
internal static class ParameterCell
{
    public const string Tag = "parameters";

    public const string InjectedTag = "injected-parameters";

    /// <summary>Top-level variable names declared by the cell, in order.</summary>
    public static IReadOnlyList<string> DeclaredNames(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, CellSource.ParseOptions).GetRoot();
        var names = new List<string>();
        foreach (var member in ((CompilationUnitSyntax)root).Members)
        {
            var declaration = member switch
            {
                FieldDeclarationSyntax f => f.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l } => l.Declaration,
                _ => null,
            };
            if (declaration is not null)
            {
                names.AddRange(declaration.Variables.Select(v => v.Identifier.ValueText));
            }
        }

        return names;
    }

    /// <summary>The C# statement <c>Name = literal;</c> for a value given as text.</summary>
    /// <exception cref="FormatException">The text is not a value of <paramref name="type"/>; the message says which type and why.</exception>
    public static string Assignment(string name, string value, Type type) => $"{name} = {Literal(value, type)};";

    private static string Literal(string text, Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return text.Trim() == "null" ? "null" : Literal(text, underlying);
        }

        if (type.IsArray && type.GetArrayRank() == 1)
        {
            var element = type.GetElementType()!;
            var items = text.Trim().Length == 0 ? [] : text.Split(',').Select(i => Literal(i.Trim(), element));
            return $"new {TypeName(element)}[] {{ {string.Join(", ", items)} }}";
        }

        if (type == typeof(string))
        {
            return SymbolDisplay.FormatLiteral(text, quote: true);
        }

        var trimmed = text.Trim();
        if (type.IsEnum)
        {
            if (!Enum.TryParse(type, trimmed, ignoreCase: true, out var member) || !Enum.IsDefined(type, member!))
            {
                throw new FormatException($"'{text}' is not a member of {type.Name} ({string.Join(", ", Enum.GetNames(type))}).");
            }

            return $"{TypeName(type)}.{Enum.GetName(type, member!)}";
        }

        var invariant = CultureInfo.InvariantCulture;
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => bool.TryParse(trimmed, out var b) ? (b ? "true" : "false") : throw Bad(text, type),
            TypeCode.Char => trimmed.Length == 1 ? SymbolDisplay.FormatLiteral(trimmed[0], quote: true) : throw Bad(text, type),
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 =>
                long.TryParse(trimmed, NumberStyles.Integer, invariant, out var i) && InRange(i, type)
                    ? $"({TypeName(type)}){i.ToString(invariant)}"
                    : throw Bad(text, type),
            TypeCode.Int64 => long.TryParse(trimmed, NumberStyles.Integer, invariant, out var l) ? $"{l.ToString(invariant)}L" : throw Bad(text, type),
            TypeCode.UInt32 or TypeCode.UInt64 =>
                ulong.TryParse(trimmed, NumberStyles.Integer, invariant, out var u) && InRange(u, type)
                    ? $"({TypeName(type)}){u.ToString(invariant)}UL"
                    : throw Bad(text, type),
            TypeCode.Double => double.TryParse(trimmed, NumberStyles.Float, invariant, out var d) ? DoubleLiteral(d) : throw Bad(text, type),
            TypeCode.Single => float.TryParse(trimmed, NumberStyles.Float, invariant, out var f) ? $"(float){DoubleLiteral(f)}" : throw Bad(text, type),
            TypeCode.Decimal => decimal.TryParse(trimmed, NumberStyles.Number, invariant, out var m) ? $"{m.ToString(invariant)}m" : throw Bad(text, type),
            _ => throw new FormatException($"parameters of type {TypeName(type)} cannot be set from the command line (supported: bool, integers, floating point, decimal, string, char, enums, nullable forms, 1-D arrays)."),
        };
    }

    private static string DoubleLiteral(double d) =>
        double.IsNaN(d) ? "double.NaN"
        : double.IsPositiveInfinity(d) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(d) ? "double.NegativeInfinity"
        : d.ToString("R", CultureInfo.InvariantCulture) + "d";

    private static bool InRange(long value, Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Byte => value is >= byte.MinValue and <= byte.MaxValue,
        TypeCode.SByte => value is >= sbyte.MinValue and <= sbyte.MaxValue,
        TypeCode.Int16 => value is >= short.MinValue and <= short.MaxValue,
        TypeCode.UInt16 => value is >= ushort.MinValue and <= ushort.MaxValue,
        _ => value is >= int.MinValue and <= int.MaxValue,
    };

    private static bool InRange(ulong value, Type type) => Type.GetTypeCode(type) != TypeCode.UInt32 || value <= uint.MaxValue;

    private static FormatException Bad(string text, Type type) => new($"'{text}' is not a valid {TypeName(type)}.");

    /// <summary>The C# name of a type as code can write it: keywords for primitives, <c>global::</c>-qualified otherwise.</summary>
    public static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying) + "?";
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[]";
        }

        if (type.IsEnum || Type.GetTypeCode(type) == TypeCode.Object)
        {
            return QualifiedName(type);
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "bool",
            TypeCode.Byte => "byte",
            TypeCode.SByte => "sbyte",
            TypeCode.Char => "char",
            TypeCode.Int16 => "short",
            TypeCode.UInt16 => "ushort",
            TypeCode.Int32 => "int",
            TypeCode.UInt32 => "uint",
            TypeCode.Int64 => "long",
            TypeCode.UInt64 => "ulong",
            TypeCode.Single => "float",
            TypeCode.Double => "double",
            TypeCode.Decimal => "decimal",
            TypeCode.String => "string",
            _ => QualifiedName(type),
        };
    }

    /// <summary>Types declared in a notebook live in Roslyn's <c>Submission#n</c> classes and are written by their
    /// simple (nested) name; library types get <c>global::Namespace.Type</c>.</summary>
    private static string QualifiedName(Type type)
    {
        var chain = new List<string>();
        var current = type;
        while (current.DeclaringType is { } outer)
        {
            chain.Insert(0, current.Name);
            if (outer.Name.StartsWith("Submission#", StringComparison.Ordinal))
            {
                return string.Join('.', chain);
            }

            current = outer;
        }

        chain.Insert(0, current.Name);
        var ns = current.Namespace;
        return "global::" + (string.IsNullOrEmpty(ns) ? "" : ns + ".") + string.Join('.', chain);
    }
}

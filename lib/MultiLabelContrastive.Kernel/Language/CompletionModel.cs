using System.Collections.Immutable;
using System.Text;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using MultiLabelContrastive.Notebooks.Execution;
using MultiLabelContrastive.Notebooks.Formatting;

namespace MultiLabelContrastive.Kernel.Language;

/// <summary>
/// Completion and inspection for the kernel: a compile-only chain of the cells executed so far (never run), continued by
/// the text being edited, and Roslyn's semantic model at the cursor. It sees the variables, types and usings of earlier
/// cells, the default imports and globals of the engine (<c>display</c>), and every assembly the kernel carries.
/// </summary>
/// <remarks>Immutable: <see cref="With"/> returns a model with one more cell; earlier compilations are reused.
/// Directive lines are blanked (the kernel's assemblies are all referenced anyway), so a <c>#r</c> of a file outside the
/// kernel is not seen by completion, only by execution.</remarks>
internal sealed class CompletionModel
{
    private const int MaxMatches = 500;
    private const int MaxOverloads = 12;
    private const int MaxValueLength = 2000;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    private static readonly SymbolDisplayFormat SignatureFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters | SymbolDisplayGenericsOptions.IncludeTypeConstraints,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType
            | SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeModifiers
            | SymbolDisplayMemberOptions.IncludeRef | SymbolDisplayMemberOptions.IncludeConstantValue,
        kindOptions: SymbolDisplayKindOptions.IncludeTypeKeyword | SymbolDisplayKindOptions.IncludeNamespaceKeyword,
        propertyStyle: SymbolDisplayPropertyStyle.ShowReadWriteDescriptor,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName
            | SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeParamsRefOut
            | SymbolDisplayParameterOptions.IncludeExtensionThis,
        localOptions: SymbolDisplayLocalOptions.IncludeType,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly ScriptOptions _options;
    private readonly Script? _cells;

    /// <summary>A model with no executed cells.</summary>
    /// <param name="imports">The namespaces every cell imports (the engine's default imports).</param>
    public CompletionModel(IEnumerable<string> imports)
        : this(ScriptOptions.Default.WithReferences(References.Value).WithImports(imports), null)
    {
    }

    private CompletionModel(ScriptOptions options, Script? cells)
    {
        _options = options;
        _cells = cells;
    }

    /// <summary>This model with one more executed cell.</summary>
    public CompletionModel With(string executedCode) => new(_options, Continue(CellText.BlankDirectives(executedCode)));

    /// <summary>Completions of the identifier that ends at the cursor.</summary>
    /// <param name="code">The cell being edited.</param>
    /// <param name="cursorPosition">Cursor position in Unicode code points (the protocol's unit).</param>
    /// <returns>Matching names (sorted, distinct), the code-point range they replace, and each match's kind.</returns>
    public CompletionResult Complete(string code, int cursorPosition)
    {
        ArgumentNullException.ThrowIfNull(code);
        var cursor = CellText.ToUtf16(code, cursorPosition);
        var start = cursor;
        while (start > 0 && CellText.IsIdentifierChar(code[start - 1]))
        {
            start--;
        }

        var prefix = code[start..cursor];
        var empty = new CompletionResult([], CellText.ToCodePoints(code, start), cursorPosition);
        if ((prefix.Length > 0 && char.IsDigit(prefix[0])) || OnDirectiveLine(code, cursor))
        {
            return empty;
        }

        var clean = CellText.BlankDirectives(code);
        var (model, tree) = Bind(clean);
        var symbols = MemberAccessTarget(tree, start) is { } target
            ? MemberSymbols(model, target, start)
            : model.LookupSymbols(start).AsEnumerable();

        var matches = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var symbol in symbols)
        {
            if (IsCompletable(symbol) && symbol.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                matches.TryAdd(symbol.Name, KindOf(symbol));
            }
        }

        if (MemberAccessTarget(tree, start) is null)
        {
            foreach (var keyword in Keywords.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
            {
                matches.TryAdd(keyword, "keyword");
            }
        }

        var ordered = matches
            .OrderBy(m => m.Key.StartsWith(prefix, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(m => m.Key, StringComparer.OrdinalIgnoreCase)
            .Take(MaxMatches)
            .Select(m => new CompletionItem(m.Key, m.Value))
            .ToList();
        return empty with { Items = ordered };
    }

    /// <summary>What the identifier at (or just before) the cursor is: signature(s), documentation summary and, for a
    /// variable of the session, its current value.</summary>
    /// <param name="code">The cell being edited.</param>
    /// <param name="cursorPosition">Cursor position in code points.</param>
    /// <param name="session">The session whose variable values to show, or null.</param>
    /// <returns>The text, or null when nothing is found.</returns>
    public string? Inspect(string code, int cursorPosition, ScriptSession? session)
    {
        ArgumentNullException.ThrowIfNull(code);
        var cursor = CellText.ToUtf16(code, cursorPosition);
        var position = IdentifierNear(code, cursor);
        if (position < 0)
        {
            return null;
        }

        var (model, tree) = Bind(CellText.BlankDirectives(code));
        var token = tree.GetRoot().FindToken(position);
        if (!token.IsKind(SyntaxKind.IdentifierToken) && !token.IsKeyword())
        {
            return null;
        }

        var symbols = new List<ISymbol>();
        for (var current = token.Parent; current is not null && symbols.Count == 0 && current is not StatementSyntax; current = current.Parent)
        {
            var info = model.GetSymbolInfo(current);
            if (info.Symbol is { } symbol)
            {
                symbols.Add(symbol);
            }
            else
            {
                symbols.AddRange(info.CandidateSymbols);
            }

            if (symbols.Count == 0 && model.GetDeclaredSymbol(current) is { } declared)
            {
                symbols.Add(declared);
            }
        }

        if (symbols.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var symbol in symbols.Take(MaxOverloads))
        {
            text.AppendLine(Signature(symbol));
        }

        if (symbols.Count > MaxOverloads)
        {
            text.AppendLine($"(+{symbols.Count - MaxOverloads} more overloads)");
        }

        if (Documentation(symbols[0]) is { Length: > 0 } documentation)
        {
            text.AppendLine().AppendLine(documentation);
        }

        if (session is not null && symbols[0] is IFieldSymbol { ContainingType.IsScriptClass: true } field
            && session.Variables.FirstOrDefault(v => v.Name == field.Name) is { } variable)
        {
            var value = session.Formatter.Format(variable.Value).GetText(MimeTypes.PlainText) ?? "";
            if (value.Length > MaxValueLength)
            {
                value = value[..MaxValueLength] + " …";
            }

            text.AppendLine().Append("Value: ").AppendLine(value);
        }

        return text.ToString().TrimEnd();
    }

    private static readonly string[] Keywords =
    [
        "abstract", "as", "async", "await", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false",
        "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is",
        "lock", "long", "nameof", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private",
        "protected", "public", "readonly", "record", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc",
        "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked",
        "unsafe", "ushort", "using", "var", "virtual", "void", "volatile", "when", "where", "while", "with", "yield",
    ];

    private Script Continue(string code) =>
        _cells is null ? CSharpScript.Create(code, _options, typeof(ScriptGlobals)) : _cells.ContinueWith(code, _options);

    private (SemanticModel Model, SyntaxTree Tree) Bind(string code)
    {
        var compilation = Continue(code).GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        return (compilation.GetSemanticModel(tree), tree);
    }

    /// <summary>The expression (or name) left of a dot that ends right before <paramref name="start"/>, or null.</summary>
    private static SyntaxNode? MemberAccessTarget(SyntaxTree tree, int start)
    {
        if (start == 0)
        {
            return null;
        }

        var token = tree.GetRoot().FindToken(start - 1);
        if (!token.IsKind(SyntaxKind.DotToken) || token.Span.End != start)
        {
            return null;
        }

        return token.Parent switch
        {
            MemberAccessExpressionSyntax access => access.Expression,
            QualifiedNameSyntax name => name.Left,
            MemberBindingExpressionSyntax binding when binding.Parent?.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>() is { } conditional => conditional.Expression,
            _ => null,
        };
    }

    private static IEnumerable<ISymbol> MemberSymbols(SemanticModel model, SyntaxNode target, int position)
    {
        var symbol = model.GetSymbolInfo(target).Symbol;
        switch (symbol)
        {
            case INamespaceSymbol ns:
                return model.LookupNamespacesAndTypes(position, ns);
            case ITypeSymbol type when target is not ExpressionSyntax || IsTypeName(model, target):
                return model.LookupStaticMembers(position, type).Concat(type.GetTypeMembers());
        }

        var instanceType = model.GetTypeInfo(target).Type;
        if (instanceType is null || instanceType.TypeKind == TypeKind.Error)
        {
            return [];
        }

        return model.LookupSymbols(position, instanceType, includeReducedExtensionMethods: true).Where(s => !s.IsStatic || s is IMethodSymbol { MethodKind: MethodKind.ReducedExtension });
    }

    private static bool IsTypeName(SemanticModel model, SyntaxNode target) =>
        model.GetSymbolInfo(target).Symbol is ITypeSymbol && model.GetTypeInfo(target).Type is not null
        && target is IdentifierNameSyntax or QualifiedNameSyntax or MemberAccessExpressionSyntax or PredefinedTypeSyntax or GenericNameSyntax;

    private static bool IsCompletable(ISymbol symbol) =>
        symbol.CanBeReferencedByName
        && !symbol.IsImplicitlyDeclared
        && symbol is not IMethodSymbol { MethodKind: not (MethodKind.Ordinary or MethodKind.ReducedExtension or MethodKind.LocalFunction) };

    private static string KindOf(ISymbol symbol) => symbol switch
    {
        IMethodSymbol => "method",
        IPropertySymbol => "property",
        IFieldSymbol { ContainingType.IsScriptClass: true } => "variable",
        IFieldSymbol { IsConst: true } => "constant",
        IFieldSymbol => "field",
        IEventSymbol => "event",
        ILocalSymbol or IRangeVariableSymbol => "variable",
        IParameterSymbol => "parameter",
        INamespaceSymbol => "namespace",
        INamedTypeSymbol { TypeKind: TypeKind.Interface } => "interface",
        INamedTypeSymbol { TypeKind: TypeKind.Enum } => "enum",
        INamedTypeSymbol { TypeKind: TypeKind.Struct } => "struct",
        INamedTypeSymbol { TypeKind: TypeKind.Delegate } => "delegate",
        ITypeSymbol => "class",
        _ => "text",
    };

    private static bool OnDirectiveLine(string code, int cursor)
    {
        var lineStart = code.LastIndexOf('\n', Math.Max(0, cursor - 1)) + 1;
        if (cursor == 0)
        {
            lineStart = 0;
        }

        var lineEnd = code.IndexOf('\n', cursor);
        return CellDirectives.IsDirectiveLine(code.AsSpan(lineStart, (lineEnd < 0 ? code.Length : lineEnd) - lineStart));
    }

    /// <summary>The start of the identifier at the cursor, or of the one before it (skipping spaces and an opening
    /// parenthesis, as after <c>Console.WriteLine(</c>), or -1.</summary>
    private static int IdentifierNear(string code, int cursor)
    {
        var position = Math.Min(cursor, code.Length);
        if (position < code.Length && CellText.IsIdentifierChar(code[position]) || position > 0 && CellText.IsIdentifierChar(code[position - 1]))
        {
            if (position == code.Length || !CellText.IsIdentifierChar(code[position]))
            {
                position--;
            }
        }
        else
        {
            position--;
            while (position >= 0 && (char.IsWhiteSpace(code[position]) || code[position] == '('))
            {
                position--;
            }

            if (position < 0 || !CellText.IsIdentifierChar(code[position]))
            {
                return -1;
            }
        }

        while (position > 0 && CellText.IsIdentifierChar(code[position - 1]))
        {
            position--;
        }

        return position;
    }

    private static string Signature(ISymbol symbol) => symbol switch
    {
        IFieldSymbol { ContainingType.IsScriptClass: true } f => $"{f.Type.ToDisplayString(SignatureFormat)} {f.Name}",
        _ => symbol.ToDisplayString(SignatureFormat),
    };

    /// <summary>The summary, parameters and returns of the symbol's XML documentation, as plain text.</summary>
    private static string? Documentation(ISymbol symbol)
    {
        var xml = (symbol is IMethodSymbol { ReducedFrom: { } original } ? original : symbol).OriginalDefinition.GetDocumentationCommentXml();
        if (string.IsNullOrWhiteSpace(xml))
        {
            return null;
        }

        try
        {
            var member = XElement.Parse(xml);
            var text = new StringBuilder();
            if (member.Element("summary") is { } summary)
            {
                text.AppendLine(Plain(summary));
            }

            foreach (var parameter in member.Elements("param"))
            {
                text.AppendLine($"  {parameter.Attribute("name")?.Value}: {Plain(parameter)}");
            }

            if (member.Element("returns") is { } returns)
            {
                text.AppendLine($"Returns: {Plain(returns)}");
            }

            return text.ToString().TrimEnd();
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static string Plain(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            text.Append(node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "see" or "seealso" } e => e.Attribute("cref")?.Value is { } cref ? cref[(cref.IndexOf(':') + 1)..] : e.Attribute("langword")?.Value ?? e.Value,
                XElement { Name.LocalName: "paramref" or "typeparamref" } e => e.Attribute("name")?.Value ?? "",
                XElement e => Plain(e),
                _ => "",
            });
        }

        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Every managed assembly of the kernel's process (framework and application), with its XML documentation
    /// when a <c>.xml</c> file lies beside it.</summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var references = ImmutableArray.CreateBuilder<MetadataReference>(paths.Length);
        foreach (var path in paths)
        {
            var xml = Path.ChangeExtension(path, ".xml");
            try
            {
                references.Add(MetadataReference.CreateFromFile(
                    path, documentation: File.Exists(xml) ? new XmlDocumentation(xml) : null));
            }
            catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
            {
                // not a readable managed assembly: completion does without it
            }
        }

        return references.ToImmutable();
    }
}

/// <summary>One completion match.</summary>
/// <param name="Text">The name to insert.</param>
/// <param name="Kind">method, property, field, variable, class, namespace, keyword, …</param>
internal sealed record CompletionItem(string Text, string Kind);

/// <summary>The answer to a completion request.</summary>
/// <param name="Items">The matches.</param>
/// <param name="CursorStart">Start of the replaced text, in code points.</param>
/// <param name="CursorEnd">End of the replaced text (the cursor), in code points.</param>
internal sealed record CompletionResult(IReadOnlyList<CompletionItem> Items, int CursorStart, int CursorEnd);

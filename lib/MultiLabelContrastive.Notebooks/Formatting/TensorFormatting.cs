using System.Globalization;
using System.Reflection;
using MultiLabelContrastive.Notebooks.Model;

namespace MultiLabelContrastive.Notebooks.Formatting;

/// <summary>TorchSharp tensors as <c>text/plain</c> in NumPy style (values shown up to <see cref="MaxElements"/>
/// elements, otherwise shape, dtype and device only). Found by reflection so that the engine does not depend on TorchSharp.</summary>
internal static class TensorFormatting
{
    public const long MaxElements = 2000;

    private const string TensorTypeName = "TorchSharp.torch+Tensor";

    public static MimeBundle? TryFormat(object value)
    {
        var type = value.GetType();
        while (type is not null && type.FullName != TensorTypeName)
        {
            type = type.BaseType;
        }

        if (type is null)
        {
            return null;
        }

        var metadata = value.ToString() ?? "tensor";
        var numel = type.GetMethod("numel", Type.EmptyTypes)?.Invoke(value, null);
        if (numel is long n && n <= MaxElements && StyledToString(type) is { } toString)
        {
            var style = Enum.Parse(toString.GetParameters()[0].ParameterType, "Numpy");
            var text = (string?)toString.Invoke(value, [style, "g6", 100, CultureInfo.InvariantCulture, "\n"]);
            return new MimeBundle().SetText(MimeTypes.PlainText, $"{metadata}\n{text}".TrimEnd('\n'));
        }

        return new MimeBundle().SetText(MimeTypes.PlainText, metadata);
    }

    private static MethodInfo? StyledToString(Type tensorType) =>
        tensorType.GetMethods().FirstOrDefault(m =>
            m.Name == nameof(ToString)
            && m.GetParameters() is { Length: 5 } p
            && p[0].ParameterType.IsEnum
            && p[0].ParameterType.Name == "TensorStringStyle");
}

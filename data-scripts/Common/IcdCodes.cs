using System.Text.RegularExpressions;

namespace DataScripts.Common;

/// <summary>Validation and dotted formatting of ICD codes as stored (without dots) in MIMIC.</summary>
internal static partial class IcdCodes
{
    /// <summary>
    /// The dotted code, or null when the raw code does not look like a code of its system (the caller reports file and
    /// line). ICD-9-CM diagnoses: dot after 3 characters (after 4 for E codes); ICD-9-CM procedures: after 2; ICD-10-CM
    /// diagnoses: after 3; ICD-10-PCS procedures: no dot (Mullenbach et al. 2018; Edin et al. 2023). Codes of 3
    /// characters or fewer get no dot.
    /// </summary>
    public static string? Format(string raw, int version, bool diagnosis)
    {
        var code = raw.Trim().Replace(".", "").ToUpperInvariant();
        switch (version, diagnosis)
        {
            case (9, true):
                if (!Icd9Diagnosis().IsMatch(code)) return null;
                var at = code.StartsWith('E') ? 4 : 3;
                return code.Length > at ? code[..at] + "." + code[at..] : code;
            case (9, false):
                if (!Icd9Procedure().IsMatch(code)) return null;
                return code.Length > 2 ? code[..2] + "." + code[2..] : code;
            case (10, true):
                if (!Icd10Diagnosis().IsMatch(code)) return null;
                return code.Length > 3 ? code[..3] + "." + code[3..] : code;
            case (10, false):
                return Icd10Procedure().IsMatch(code) ? code : null;
            default:
                throw new ArgumentOutOfRangeException(nameof(version), version, "ICD version must be 9 or 10.");
        }
    }

    [GeneratedRegex(@"^(\d{3,5}|V\d{2,4}|E\d{3,4})$")]
    private static partial Regex Icd9Diagnosis();

    [GeneratedRegex(@"^\d{2,4}$")]
    private static partial Regex Icd9Procedure();

    [GeneratedRegex(@"^[A-Z]\d[0-9A-Z]{1,5}$")]
    private static partial Regex Icd10Diagnosis();

    [GeneratedRegex(@"^[0-9A-HJ-NP-Z]{7}$")]
    private static partial Regex Icd10Procedure();
}

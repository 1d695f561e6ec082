using System.Globalization;
using System.Text;

namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// Renders values as compact JSON (resolved trees are valid JSON); unresolved parts are shown
/// as written, for diagnostics.
/// </summary>
internal static class HoconRenderer
{
    public static string Render(HoconValue value)
    {
        var sb = new StringBuilder();
        Render(value, sb);
        return sb.ToString();
    }

    /// <summary>A JSON string literal.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        AppendQuoted(text, sb);
        return sb.ToString();
    }

    private static void Render(HoconValue value, StringBuilder sb)
    {
        switch (value)
        {
            case HoconObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, child) in obj)
                {
                    sb.Append(first ? string.Empty : ",");
                    first = false;
                    AppendQuoted(key, sb);
                    sb.Append(':');
                    Render(child, sb);
                }

                sb.Append('}');
                break;
            case HoconArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    sb.Append(i > 0 ? "," : string.Empty);
                    Render(array[i], sb);
                }

                sb.Append(']');
                break;
            case HoconLiteral { Type: HoconType.String } literal:
                AppendQuoted(literal.Value, sb);
                break;
            case HoconLiteral literal:
                sb.Append(literal.Value);
                break;
            case HoconSubstitution substitution:
                sb.Append(substitution.Text);
                break;
            case HoconConcatenation concatenation:
                foreach (var piece in concatenation.Pieces)
                {
                    Render(piece, sb);
                }

                break;
            case HoconMergeStack stack:
                sb.Append("merge(");
                for (var i = 0; i < stack.Layers.Count; i++)
                {
                    sb.Append(i > 0 ? "," : string.Empty);
                    Render(stack.Layers[i], sb);
                }

                sb.Append(')');
                break;
        }
    }

    private static void AppendQuoted(string text, StringBuilder sb)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case < ' ':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        sb.Append('"');
    }
}

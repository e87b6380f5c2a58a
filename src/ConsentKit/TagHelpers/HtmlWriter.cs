using System.Text;
using System.Text.Encodings.Web;

namespace ConsentKit.TagHelpers;

/// <summary>A small HTML builder: literal markup as is, text and attribute values always encoded.</summary>
internal sealed class HtmlWriter(int capacity = 1024)
{
    // Letters of every script stay as they are (the page is UTF-8); only markup characters are escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
    private readonly StringBuilder _html = new(capacity);

    /// <summary>Appends trusted markup.</summary>
    public HtmlWriter Raw(string markup)
    {
        _html.Append(markup);
        return this;
    }

    /// <summary>Appends one trusted character.</summary>
    public HtmlWriter Raw(char markup)
    {
        _html.Append(markup);
        return this;
    }

    /// <summary>Appends text, encoded.</summary>
    public HtmlWriter Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            _html.Append(Encoder.Encode(text)); // returns the same string when nothing needs encoding
        }

        return this;
    }

    /// <summary>Appends <c> name="value"</c>, the value encoded; nothing when the value is null.</summary>
    public HtmlWriter Attr(string name, string? value)
    {
        if (value is not null)
        {
            _html.Append(' ').Append(name).Append("=\"");
            Text(value);
            _html.Append('"');
        }

        return this;
    }

    /// <summary>Appends a boolean attribute when <paramref name="present"/>.</summary>
    public HtmlWriter Flag(string name, bool present)
    {
        if (present)
        {
            _html.Append(' ').Append(name);
        }

        return this;
    }

    /// <summary>Encodes text for markup; returns the same string when nothing needs encoding.</summary>
    public static string Encode(string text) => Encoder.Encode(text);

    public override string ToString() => _html.ToString();
}

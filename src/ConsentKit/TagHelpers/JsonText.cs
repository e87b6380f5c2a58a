using System.Text;
using System.Text.Json;

namespace ConsentKit.TagHelpers;

/// <summary>Small JSON documents written by hand (no reflection), returned as text for markup.</summary>
internal static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

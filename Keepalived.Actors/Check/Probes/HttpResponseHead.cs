using System.Buffers.Text;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// The head of an HTTP answer as keepalived reads it (check_http.c http_process_response,
/// extract_status_code, extract_content_length): the header must end with CRLFCRLF inside
/// the first <see cref="MaxHeadLength"/> bytes (MAX_BUFFER_LENGTH 4096 with its NUL), and is
/// searched as a C string, so a NUL byte ends it.
/// </summary>
public readonly record struct HttpResponseHead(int HeadLength, int StatusCode, long? ContentLength)
{
    /// <summary>keepalived's buffer is 4096 bytes including the terminating NUL.</summary>
    public const int MaxHeadLength = 4095;

    public enum ParseStatus
    {
        /// <summary>No CRLFCRLF yet; read more.</summary>
        Incomplete,
        /// <summary>The header ended; the body starts at <see cref="HeadLength"/>.</summary>
        Complete,
        /// <summary>No end of header within <see cref="MaxHeadLength"/> bytes (or a NUL first).</summary>
        TooLong,
    }

    /// <summary>Looks for a complete head in the first bytes of the answer.</summary>
    public static ParseStatus TryParse(ReadOnlySpan<byte> answer, out HttpResponseHead head)
    {
        head = default;
        var window = answer[..Math.Min(answer.Length, MaxHeadLength)];
        var nul = window.IndexOf((byte)0);
        if (nul >= 0) window = window[..nul];
        var end = window.IndexOf("\r\n\r\n"u8);
        if (end < 0)
            return nul >= 0 || answer.Length >= MaxHeadLength ? ParseStatus.TooLong : ParseStatus.Incomplete;
        var header = window[..(end + 4)];
        head = new HttpResponseHead(end + 4, ExtractStatusCode(header), ExtractContentLength(header));
        return ParseStatus.Complete;
    }

    /// <summary>
    /// extract_status_code: skip to the first space (or CR), then exactly three digits that
    /// must be followed by a space; anything else is code 0 ("HTTP/1.1 200\r\n" is 0).
    /// </summary>
    public static int ExtractStatusCode(ReadOnlySpan<byte> header)
    {
        var p = header.IndexOfAny((byte)' ', (byte)'\r');
        if (p < 0) return 0;
        var rest = header[(p + 1)..];
        if (rest.Length < 4 || rest[3] != ' ') return 0;
        var code = 0;
        for (var i = 0; i < 3; i++)
        {
            if (!char.IsAsciiDigit((char)rest[i])) return 0;
            code = code * 10 + (rest[i] - '0');
        }
        return code;
    }

    /// <summary>
    /// extract_content_length: "Content-Length:" matched with its exact case, then strtoul
    /// (leading white space skipped), which must stop at CR, LF or the end: "5 " or "5x" count
    /// as no Content-Length. Null when absent or without digits.
    /// </summary>
    public static long? ExtractContentLength(ReadOnlySpan<byte> header)
    {
        var p = header.IndexOf("Content-Length:"u8);
        if (p < 0) return null;
        var value = header[(p + "Content-Length:"u8.Length)..].TrimStart(" \t\r\n\v\f"u8);
        if (!Utf8Parser.TryParse(value, out long length, out var consumed) || consumed == 0 || length < 0) return null;
        return consumed == value.Length || value[consumed] is (byte)'\r' or (byte)'\n' ? length : null;
    }
}

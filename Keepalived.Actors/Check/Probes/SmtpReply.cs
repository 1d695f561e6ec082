namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// SMTP reply lines as check_smtp.c reads them: a line ends with LF inside a 512-byte buffer
/// (SMTP_BUFF_MAX); its status is exactly three digits followed by a space or the end of
/// the line, so a multi-line "220-" banner is not a 220.
/// </summary>
public static class SmtpReply
{
    /// <summary>keepalived's SMTP_BUFF_MAX.</summary>
    public const int MaxLineLength = 512;

    /// <summary>The length of the first line including its LF, or -1 when no LF yet.</summary>
    public static int LineLength(ReadOnlySpan<byte> buffer)
    {
        var lf = buffer.IndexOf((byte)'\n');
        return lf < 0 ? -1 : lf + 1;
    }

    /// <summary>
    /// smtp_get_status: strtoul must stop after three digits, at a space or the end of the
    /// line. keepalived cuts the line at its LF only, so a CR counts: "220\r\n" is -1 (malformed)
    /// while "220 ready\r\n" and "220\n" are 220.
    /// </summary>
    public static int StatusCode(ReadOnlySpan<byte> line)
    {
        if (line.EndsWith("\n"u8)) line = line[..^1];
        if (line.Length < 3 || (line.Length > 3 && line[3] != ' ')) return -1;
        var code = 0;
        for (var i = 0; i < 3; i++)
        {
            if (!char.IsAsciiDigit((char)line[i])) return -1;
            code = code * 10 + (line[i] - '0');
        }
        return code;
    }

    /// <summary>HELO with the checker's helo_name, CR LF.</summary>
    public static byte[] Helo(string heloName) => System.Text.Encoding.UTF8.GetBytes($"HELO {heloName}\r\n");

    public static ReadOnlySpan<byte> Quit => "QUIT\r\n"u8;
}

using System.Text;
using Keepalived.Actors.Check.Probes;

namespace Keepalived.Tests.Check.Probes;

/// <summary>check_smtp.c's reading of reply lines.</summary>
public sealed class SmtpReplyTests
{
    [Theory]
    [InlineData("220 mail.example.org ESMTP\r\n", 220)]
    [InlineData("220\r\n", -1)]     // keepalived cuts at LF only: the CR follows the code
    [InlineData("220\n", 220)]
    [InlineData("220", 220)]
    [InlineData("250 ok\n", 250)]
    [InlineData("220-mail.example.org first line of many\r\n", -1)]   // a multi-line banner is not a 220
    [InlineData("2200 x\r\n", -1)]
    [InlineData("22 x\r\n", -1)]
    [InlineData("abc def\r\n", -1)]
    [InlineData("\r\n", -1)]
    public void Status_is_three_digits_then_space_or_end(string line, int expected) =>
        Assert.Equal(expected, SmtpReply.StatusCode(Encoding.ASCII.GetBytes(line)));

    [Fact]
    public void A_line_ends_with_LF()
    {
        Assert.Equal(-1, SmtpReply.LineLength("220 no end yet"u8));
        Assert.Equal(8, SmtpReply.LineLength("220 hi\r\n250 x\r\n"u8));
        Assert.Equal(1, SmtpReply.LineLength("\n"u8));
    }

    [Fact]
    public void Helo_and_quit_bytes()
    {
        Assert.Equal("HELO smtpchecker.keepalived.org\r\n", Encoding.ASCII.GetString(SmtpReply.Helo("smtpchecker.keepalived.org")));
        Assert.Equal("QUIT\r\n", Encoding.ASCII.GetString(SmtpReply.Quit));
    }

    [Fact]
    public void Parsers_survive_random_bytes()
    {
        var random = new Random(99);
        for (var i = 0; i < 20000; i++)
        {
            var data = new byte[random.Next(0, 600)];
            random.NextBytes(data);
            int length = SmtpReply.LineLength(data);
            Assert.True(length == -1 || (length >= 1 && data[length - 1] == '\n'));
            int code = SmtpReply.StatusCode(data);
            Assert.InRange(code, -1, 999);
            var (kind, rcode) = DnsReply.Check(data, 0x4242);
            Assert.InRange(rcode, 0, 15);
            if (data.Length < DnsReply.MinimumLength) Assert.Equal(DnsReply.Kind.Ignore, kind);
            Assert.False(IcmpEcho.IsReply(data, false, true, null, 0) && data.Length < 28);
        }
    }
}

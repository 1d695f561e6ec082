using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Keepalived.Actors.Tracking;

namespace Keepalived.Tests.Tracking;

public sealed class TrackFileValueTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("\n", 0)]
    [InlineData("42\n", 42)]
    [InlineData("  \t-17 apples", -17)]
    [InlineData("+9", 9)]
    [InlineData("0x1F", 31)]
    [InlineData("0XfF\n", 255)]
    [InlineData("010", 8)]
    [InlineData("09", 0)]
    [InlineData("0x", 0)]
    [InlineData("0xg", 0)]
    [InlineData("abc", 0)]
    [InlineData("-", 0)]
    [InlineData("12abc", 12)]
    [InlineData("2147483648", 2147483648)]
    [InlineData("-2147483648", -2147483648)]
    public void Reads_the_leading_number_as_strtol_base_0(string text, long expected)
    {
        Assert.True(TrackFileValue.TryParse(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("2147483649")]
    [InlineData("-2147483649")]
    [InlineData("99999999999999999999999")]
    [InlineData("-0x8000000000000001")]
    public void A_number_out_of_range_is_refused(string text) =>
        Assert.False(TrackFileValue.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void Only_the_first_127_bytes_count()
    {
        var text = new string(' ', 125) + "123";
        Assert.True(TrackFileValue.TryParse(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(12, value);
    }

    [Fact]
    public void Any_int_written_as_keepalived_writes_it_reads_back()
    {
        Prop.ForAll<int>(n => TrackFileValue.TryParse(Encoding.ASCII.GetBytes($"{n}\n"), out var v) && v == n)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Arbitrary_bytes_never_throw_and_stay_in_range()
    {
        Prop.ForAll<byte[]>(bytes =>
            !TrackFileValue.TryParse(bytes, out var v) || v is >= int.MinValue and <= (long)int.MaxValue + 1)
            .QuickCheckThrowOnFailure();
    }
}

using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Hocon;

namespace Keepalived.Tests.Config.Overrides;

/// <summary>
/// The service reads its HOCON settings on another thread while keepalived.conf is parsed and
/// hands them over through <see cref="ConfigLoadOptions.OverridesAfterParse"/>.
/// </summary>
public sealed class OverridesAfterParseTests
{
    private const string Conf = """
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            priority 100
            virtual_ipaddress {
                10.0.0.1/24
            }
        }
        """;

    [Fact]
    public void Overrides_asked_for_after_the_parse_are_applied()
    {
        var asked = 0;
        var result = ConfigText.Load(Conf, new ConfigLoadOptions
        {
            Host = new FakeHost(),
            OverridesAfterParse = () =>
            {
                asked++;
                return HoconParser.Parse("keepalived.vrrp_instance.VI_1.priority = 120", new HoconParserOptions { FileName = "keepalived.hocon" });
            },
        });

        Assert.Equal(1, asked);
        Assert.Equal(120, Assert.Single(result.Config.Vrrp.Instances).Priority);
        Assert.Single(result.Config.Overrides);
    }

    [Fact]
    public void No_overrides_leave_the_file_as_it_is()
    {
        var result = ConfigText.Load(Conf, new ConfigLoadOptions { Host = new FakeHost(), OverridesAfterParse = () => null });

        Assert.Equal(100, Assert.Single(result.Config.Vrrp.Instances).Priority);
        Assert.Empty(result.Config.Overrides);
    }

    [Fact]
    public void Overrides_given_at_once_are_used_and_the_late_ones_are_not_asked_for()
    {
        var result = ConfigText.Load(Conf, new ConfigLoadOptions
        {
            Host = new FakeHost(),
            Overrides = HoconParser.Parse("keepalived.vrrp_instance.VI_1.priority = 90", new HoconParserOptions { FileName = "keepalived.hocon" }),
            OverridesAfterParse = () => throw new InvalidOperationException("not to be asked"),
        });

        Assert.Equal(90, Assert.Single(result.Config.Vrrp.Instances).Priority);
    }
}

using Keepalived.Actors.Config.Check;
using Keepalived.Actors.Config.Parser;
using static Keepalived.Tests.Config.Check.CheckTestSupport;

namespace Keepalived.Tests.Config.Check;

public class GroupAndCheckerTests
{
    [Fact]
    public void Virtual_server_group_entries_and_their_errors()
    {
        var r = Load("""
            virtual_server_group G1 {
              192.168.200.1-10 80
              10.0.0.0/24 443
              10.0.0.9-3 80
              10.0.0.1/24
              fwmark 8 inet9
              10.0.0.1-300 80
            }
            virtual_server_group EMPTY {
            }

            """);
        Assert.Equal(
        [
            (ConfigErrorKind.GeneralError, 4, "Address range end is not greater than address range start - 10.0.0.9-3 - skipping"),
            (ConfigErrorKind.GeneralError, 5, "Address mask bits not empty - 10.0.0.1/24 - skipping"),
            (ConfigErrorKind.GeneralError, 6, "(G1): fwmark '8' family inet9 unknown - ignoring"),
            (ConfigErrorKind.InvalidNumber, 7, "Virtual server group range '10.0.0.1-300' end '300' too large"),
            (ConfigErrorKind.GeneralError, 10, "virtual server group EMPTY has no entries - removing"),
        ], Errors(r));
        var g = Assert.Single(r.Config.Check.VirtualServerGroups);
        Assert.Equal(["192.168.200.1-192.168.200.10,80", "10.0.0.0-10.0.0.255,443"], g.AddressRanges.Select(a => a.ToString()));
    }

    [Fact]
    public void Http_get_urls_digests_status_codes_and_deprecated_retry()
    {
        var r = Load("""
            virtual_server 10.1.1.1 80 {
              lb_algo rr
              lb_kind NAT
              protocol TCP
              real_server 10.1.1.2 80 {
                HTTP_GET {
                  url {
                    path /index.html
                    digest 0123456789abcdef0123456789abcdef
                    status_code 200 300-302 99
                  }
                  url {
                    digest 1234
                  }
                  nb_get_retry 3
                }
              }
            }
            """);
        Assert.Equal(
        [
            (ConfigErrorKind.GeneralError, 10, "Invalid HTTP_GET status code '99'"),
            (ConfigErrorKind.GeneralError, 13, "digest '1234' character length should be 32 rather than 4"),
            (ConfigErrorKind.GeneralError, 14, "HTTP/SSL_GET checker url has no path - ignoring"),
            (ConfigErrorKind.GeneralError, 15, "nb_get_retry is deprecated - please use 'retry'"),
        ], Errors(r));
        var http = Assert.IsType<HttpChecker>(Assert.Single(r.Config.Check.VirtualServers[0].RealServers[0].Checkers));
        var url = Assert.Single(http.Urls);
        Assert.Equal([200, 300, 301, 302], url.StatusCodes);
        Assert.Equal(0x01, url.Digest![0]);
        Assert.Equal(3u, http.Retry);
        Assert.Equal(TimeSpan.FromSeconds(3), http.DelayBeforeRetry);
    }

    [Fact]
    public void Misc_check_script_is_registered_and_checkers_without_essentials_dropped()
    {
        var r = Load("""
            virtual_server 10.1.1.1 80 {
              lb_algo rr
              lb_kind NAT
              protocol TCP
              real_server 10.1.1.2 80 {
                MISC_CHECK {
                  misc_path "/usr/local/bin/script.sh arg1 arg2"
                  misc_timeout 5
                }
                MISC_CHECK {
                }
                DNS_CHECK {
                  name a.b
                }
                TCP_CHECK {
                  connect_ip fe80::1
                }
              }
            }
            """);
        Assert.Equal(
        [
            (ConfigErrorKind.GeneralError, 11, "No script path has been specified for MISC_CHECKER - skipping"),
            (ConfigErrorKind.GeneralError, 13, "DNS_CHECK name 'a.b' has empty label - ignoring"),
            (ConfigErrorKind.GeneralError, 17, "Checker link local address fe80::1 requires a bind_if"),
        ], Errors(r));
        var checkers = r.Config.Check.VirtualServers[0].RealServers[0].Checkers;
        var misc = Assert.IsType<MiscChecker>(checkers[0]);
        Assert.Equal(["/usr/local/bin/script.sh", "arg1", "arg2"], misc.Script!.Args);
        Assert.Equal(0u, misc.Retry);
        Assert.Equal(TimeSpan.FromSeconds(5), misc.Timeout);
        var dns = Assert.IsType<DnsChecker>(checkers[1]);
        Assert.Equal("", dns.Name);
        Assert.Equal(3u, dns.Retry);
        Assert.Equal(2, checkers.Count);
        Assert.Same(misc.Script, Assert.Single(r.Config.Scripts));
    }

    [Fact]
    public void Smtp_host_blocks_become_checkers()
    {
        var r = Load("""
            virtual_server 10.1.1.1 25 {
              lb_algo rr
              lb_kind NAT
              protocol TCP
              real_server 10.1.1.2 25 {
                SMTP_CHECK {
                  helo_name foo.bar.com
                  host {
                    connect_ip 10.9.9.9
                    connect_port 2525
                  }
                  host {
                    connect_ip 10.9.9.8
                  }
                }
              }
            }
            """);
        Assert.Empty(Errors(r));
        var checkers = r.Config.Check.VirtualServers[0].RealServers[0].Checkers.Cast<SmtpChecker>().ToList();
        Assert.Equal(2, checkers.Count);
        Assert.All(checkers, c => Assert.Equal("foo.bar.com", c.HeloName));
        Assert.Equal("10.9.9.9:2525", checkers[0].Connection!.Destination.ToString());
        Assert.Equal("10.9.9.8:25", checkers[1].Connection!.Destination.ToString());
        Assert.Equal(TimeSpan.FromSeconds(5), checkers[1].Connection!.ConnectTimeout);
    }

    [Theory]
    [InlineData("a b 'c d' \"e f\"", new[] { "a", "b", "c d", "e f" })]
    [InlineData("x\\ty a\"b c\"d", new[] { "x\ty", "ab cd" })]
    public void Quoted_words_are_split_like_keepalived(string line, string[] expected)
    {
        var parser = new ConfigParser(new ConfigDiagnostics());
        Assert.Equal(expected, QuotedWords.Split(line, parser));
    }

    [Fact]
    public void Hex_strings_with_wildcards()
    {
        var (data, mask) = HexString.Read("00 1X ff", allowWildcards: true);
        Assert.Equal(new byte[] { 0x00, 0x10, 0xff }, data);
        Assert.Equal(new byte[] { 0x00, 0x0f, 0x00 }, mask);
        Assert.Null(HexString.Read("zz", allowWildcards: false).Data);
    }
}

using System.Net;
using System.Text;
using Keepalived.Actors.Check.Probes;
using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Check;

namespace Keepalived.Tests.Check.Probes;

/// <summary>What ProbeFactory makes of a validated checker: the probe type, the target, Host and SNI.</summary>
public sealed class ProbeFactoryTests
{
    private static readonly SourcePosition Here = default;
    private static readonly InetAddress Rs = new(IPAddress.Parse("10.198.0.2"), 80);

    private static (RealServer, VirtualServer, CheckConfig) Servers(Checker checker)
    {
        var vs = new VirtualServer(Here) { Address = new InetAddress(IPAddress.Parse("10.198.0.1"), 80), ConnectTimeout = TimeSpan.FromSeconds(7) };
        var rs = new RealServer(Rs, Here);
        rs.Checkers.Add(checker);
        vs.RealServers.Add(rs);
        var config = new CheckConfig();
        config.VirtualServers.Add(vs);
        checker.Connection ??= new ConnectionOptions { Destination = Rs };
        return (rs, vs, config);
    }

    private static IProbe? Create(Checker checker)
    {
        var (rs, vs, config) = Servers(checker);
        return ProbeFactory.Create(checker, rs, vs, config, ProbeLimits.Default);
    }

    [Fact]
    public void Each_network_checker_gets_its_probe_and_the_others_none()
    {
        Assert.IsType<TcpProbe>(Create(new TcpChecker(Here)));
        Assert.IsType<HttpProbe>(Create(Http(ssl: false)));
        Assert.IsType<SmtpProbe>(Create(new SmtpChecker(Here)));
        Assert.IsType<DnsProbe>(Create(new DnsChecker(Here)));
        Assert.IsType<UdpProbe>(Create(new UdpChecker(Here)));
        Assert.IsType<PingProbe>(Create(new PingChecker(Here)));
        Assert.Null(Create(new MiscChecker(Here)));
        Assert.Null(Create(new FileChecker(Here)));
        Assert.Null(Create(new BfdChecker(Here)));
        Assert.Null(((HttpProbe)Create(Http(ssl: false))!).Tls);
        Assert.NotNull(((HttpProbe)Create(Http(ssl: true))!).Tls);
    }

    [Fact]
    public void Target_is_connect_ip_and_options_with_timeouts_inherited()
    {
        var checker = new TcpChecker(Here)
        {
            Connection = new ConnectionOptions
            {
                Destination = new InetAddress(IPAddress.Parse("10.198.9.9"), 8443),
                BindTo = new InetAddress(IPAddress.Parse("10.198.0.5"), 0),
                BindInterface = "eth7",
                Fwmark = 12,
                ConnectTimeout = TimeSpan.FromSeconds(3),
            },
        };
        var (rs, vs, _) = Servers(checker);
        ProbeTarget? target = ProbeFactory.Target(checker, rs, vs);
        Assert.NotNull(target);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.198.9.9"), 8443), target.Destination);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.198.0.5"), 0), target.BindTo);
        Assert.Equal("eth7", target.BindInterface);
        Assert.Equal(12u, target.Fwmark);
        Assert.Equal(TimeSpan.FromSeconds(3), target.ConnectTimeout);

        checker.Connection.ConnectTimeout = null;
        Assert.Equal(TimeSpan.FromSeconds(7), ProbeFactory.Target(checker, rs, vs)!.ConnectTimeout);
        rs.ConnectTimeout = TimeSpan.FromSeconds(2);
        Assert.Equal(TimeSpan.FromSeconds(2), ProbeFactory.Target(checker, rs, vs)!.ConnectTimeout);

        // bind_port alone binds the wildcard address of the target's family.
        checker.Connection.BindTo = new InetAddress(null, 5555);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 5555), ProbeFactory.Target(checker, rs, vs)!.BindTo);
        checker.Connection.BindTo = InetAddress.None;
        Assert.Null(ProbeFactory.Target(checker, rs, vs)!.BindTo);
    }

    private static HttpChecker Http(bool ssl, string? urlHost = null, string? checkerHost = null)
    {
        var http = new HttpChecker(ssl, Here) { VirtualHost = checkerHost };
        var url = new HttpUrl { Path = "/a", VirtualHost = urlHost };
        http.Urls.Add(url);
        http.Urls.Add(new HttpUrl { Path = null });   // dropped, as keepalived drops a url without path
        http.Urls.Add(new HttpUrl { Path = "/b" });
        return http;
    }

    private static string HostOf(HttpProbeUrl url)
    {
        string request = Encoding.ASCII.GetString(url.Request);
        int start = request.IndexOf("Host: ", StringComparison.Ordinal) + 6;
        return request[start..request.IndexOf('\r', start)];
    }

    [Fact]
    public void Host_follows_url_checker_real_server_virtual_server_then_the_target()
    {
        var http = Http(ssl: false, urlHost: "url.example");
        var (rs, vs, config) = Servers(http);
        vs.VirtualHost = "vs.example";
        rs.VirtualHost = "rs.example";
        HttpProbe Make() => (HttpProbe)ProbeFactory.Create(http, rs, vs, config, ProbeLimits.Default)!;

        Assert.Equal(2, Make().Urls.Count);
        Assert.Equal("url.example", HostOf(Make().Urls[0]));
        Assert.Equal("rs.example", HostOf(Make().Urls[1]));
        http.VirtualHost = "checker.example";
        Assert.Equal("checker.example", HostOf(Make().Urls[1]));
        http.VirtualHost = null;
        rs.VirtualHost = null;
        Assert.Equal("vs.example", HostOf(Make().Urls[1]));
        vs.VirtualHost = null;
        Assert.Equal("10.198.0.2:80", HostOf(Make().Urls[1]));
    }

    [Fact]
    public void Sni_only_with_enable_sni_and_never_from_the_real_server()
    {
        var http = Http(ssl: true, urlHost: "url.example");
        var (rs, vs, config) = Servers(http);
        rs.VirtualHost = "rs.example";
        HttpProbe Make() => (HttpProbe)ProbeFactory.Create(http, rs, vs, config, ProbeLimits.Default)!;

        Assert.Null(Make().Urls[0].ServerName);
        http.EnableSni = true;
        Assert.Equal("url.example", Make().Urls[0].ServerName);
        Assert.Null(Make().Urls[1].ServerName);   // the RS's virtualhost is the Host, not the SNI
        vs.VirtualHost = "vs.example";
        Assert.Equal("vs.example", Make().Urls[1].ServerName);
        http.VirtualHost = "checker.example";
        Assert.Equal("checker.example", Make().Urls[1].ServerName);
    }

    [Fact]
    public void Status_codes_default_to_200_299()
    {
        var http = Http(ssl: false);
        http.Urls[2].StatusCodes.Add(404);
        var probe = (HttpProbe)Create(http)!;
        Assert.True(probe.Urls[0].StatusCodes.SetEquals(Enumerable.Range(200, 100)));
        Assert.True(probe.Urls[1].StatusCodes.SetEquals([404]));
    }

    [Fact]
    public async Task A_checker_without_address_is_never_run()
    {
        var checker = new TcpChecker(Here) { Connection = new ConnectionOptions() };
        var vs = new VirtualServer(Here);
        var rs = new RealServer(InetAddress.None, Here);
        IProbe? probe = ProbeFactory.Create(checker, rs, vs, new CheckConfig(), ProbeLimits.Default);
        Assert.NotNull(probe);
        Expect.Verdict(ProbeVerdict.NotRun, await probe.RunAsync(0, CancellationToken.None));
    }
}

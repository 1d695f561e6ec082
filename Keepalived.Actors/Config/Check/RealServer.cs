using Keepalived.Actors.Config.Model;

namespace Keepalived.Actors.Config.Check;

/// <summary>
/// <c>real_server ADDR [PORT] { ... }</c> (also the <c>sorry_server</c>). Settings left null
/// were not given and are taken from the virtual server when the configuration is checked
/// (validate_check_config), so after loading they hold what keepalived runs with.
/// </summary>
public sealed class RealServer(InetAddress address, SourcePosition position)
{
    public InetAddress Address { get; set; } = address;
    public SourcePosition Position { get; } = position;

    public Forwarding Forwarding { get; set; } = Forwarding.Unset;

    /// <summary>weight, 0-65535 (the virtual server's weight, 1, when not given).</summary>
    public uint? Weight { get; set; }
    public bool? InhibitOnFailure { get; set; }
    public bool? Alpha { get; set; }
    public uint? Retry { get; set; }
    public TimeSpan? ConnectTimeout { get; set; }
    public TimeSpan? DelayLoop { get; set; }
    public TimeSpan? Warmup { get; set; }
    public TimeSpan? DelayBeforeRetry { get; set; }
    public bool? SmtpAlert { get; set; }
    public uint UpperThreshold { get; set; }
    public uint LowerThreshold { get; set; }
    public string? VirtualHost { get; set; }
    public string? SnmpName { get; set; }
    public NotifyScript? NotifyUp { get; set; }
    public NotifyScript? NotifyDown { get; set; }

    public List<Checker> Checkers { get; } = [];
}

using System.Runtime.InteropServices;
using ArchUnitNET.Domain;
using ArchUnitNET.Domain.Extensions;
using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using Keepalived.Actors.Config;
using Keepalived.Host;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using Compiled = ArchUnitNET.Domain.Architecture;

namespace Keepalived.Tests.Architecture;

/// <summary>
/// The layers of the design, checked on the compiled assemblies. From the bottom: Config (the
/// keepalived.conf and HOCON readers) stands on the BCL alone; Protocol (VRRP codec, receive
/// checks, pure state machine) adds Config; Kernel and the actors above build on both.
/// Dependencies are read from the IL, so a constant (copied where it is used) or a nameof leaves
/// no trace: a rule sees every type named in a signature, a field, a call or a new.
/// </summary>
public sealed class LayerTests
{
    private const string Config = "Keepalived.Actors.Config";
    private const string Protocol = "Keepalived.Actors.Protocol";
    private const string Kernel = "Keepalived.Actors.Kernel";
    private const string Vrrp = "Keepalived.Actors.Vrrp";
    private const string Tracking = "Keepalived.Actors.Tracking";
    private const string Notify = "Keepalived.Actors.Notify";
    private const string Watchdog = "Keepalived.Actors.Watchdog";

    private static readonly System.Reflection.Assembly ActorsAssembly = typeof(ConfigHost).Assembly;

    private static readonly System.Reflection.Assembly HostAssembly = typeof(ServiceHost).Assembly;

    private static readonly Compiled Product = new ArchLoader().LoadAssemblies(ActorsAssembly, HostAssembly).Build();

    /// <summary>The assemblies of the shared framework this test runs on (Microsoft.NETCore.App).</summary>
    private static readonly HashSet<string> SharedFramework = Directory
        .GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
        .Select(Path.GetFileNameWithoutExtension).OfType<string>()
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void Config_uses_only_the_BCL()
    {
        Types().That().ResideInNamespaceOrBelow(Config)
            .Should().NotDependOnAny(OutsideOf(Config))
            .Because("the configuration readers are a library of their own: no Akka, no kernel, no actors")
            .Check(Product);
    }

    [Fact]
    public void Protocol_uses_only_Config_and_the_BCL()
    {
        Types().That().ResideInNamespaceOrBelow(Protocol)
            .Should().NotDependOnAny(OutsideOf(Protocol, Config))
            .Because("the packet codec and the state machine are pure: no Akka, no kernel, no actors, tested on virtual time")
            .Check(Product);
    }

    [Fact]
    public void Kernel_does_not_use_Vrrp_Tracking_Notify_or_Watchdog()
    {
        Types().That().ResideInNamespaceOrBelow(Kernel)
            .Should().NotDependOnAny(Types().That().ResideInNamespaceOrBelow(Vrrp)
                .Or().ResideInNamespaceOrBelow(Tracking).Or().ResideInNamespaceOrBelow(Notify)
                .Or().ResideInNamespaceOrBelow(Watchdog))
            .Because("the kernel leaves serve the actors above them; what they share with VRRP is in Protocol")
            .Check(Product);
    }

    [Fact]
    public void Nothing_in_Keepalived_Actors_uses_Keepalived_Host()
    {
        Types().That().ResideInAssembly(ActorsAssembly)
            .Should().NotDependOnAny(Types(true).That().ResideInAssembly(HostAssembly).Or().ResideInNamespaceOrBelow("Keepalived.Host"))
            .Because("the host is the composition root: it chooses, the actors are given")
            .Check(Product);
    }

    [Fact]
    public void Vrrp_does_not_use_Watchdog()
    {
        Types().That().ResideInNamespaceOrBelow(Vrrp)
            .Should().NotDependOnAny(Types().That().ResideInNamespaceOrBelow(Watchdog))
            .Because("the watchdog supervises the VRRP subtree, not the other way round")
            .Check(Product);
    }

    [Fact]
    public void Tracking_and_Notify_do_not_use_the_Vrrp_actors()
    {
        Types().That().ResideInNamespaceOrBelow(Tracking).Or().ResideInNamespaceOrBelow(Notify)
            .Should().NotDependOnAny(Types().That().ResideInNamespaceOrBelow(Vrrp))
            .Because("trackers and notifiers report to whoever subscribes; the VRRP actors use them")
            .Check(Product);
    }

    /// <summary>
    /// Every type, ours or referenced, that is neither in <paramref name="allowed"/> nor in the
    /// BCL. Said as "must not depend on any of these" rather than OnlyDependOn: ArchUnitNET's
    /// OnlyDependOn looks only at the types of the loaded assemblies, so it would let Akka through.
    /// </summary>
    private static IObjectProvider<IType> OutsideOf(params string[] allowed) =>
        Types(true).That().FollowCustomPredicate(
                t => !InSharedFramework(t) && !allowed.Any(t.ResidesInNamespaceOrBelow),
                $"are neither in {string.Join(" nor ", allowed)} nor in the shared framework")
            .As($"types outside {string.Join(", ", allowed)} and the BCL");

    private static bool InSharedFramework(IType type) =>
        type.Assembly?.FullName is { } name && SharedFramework.Contains(name.Split(',')[0]);
}

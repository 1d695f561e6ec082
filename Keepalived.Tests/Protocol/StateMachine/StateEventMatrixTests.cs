using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;

namespace Keepalived.Tests.Protocol.StateMachine;

/// <summary>Every state × every event: the state reached, and nothing thrown.</summary>
public class StateEventMatrixTests
{
    private const string Us = "10.199.0.5";

    private static readonly Dictionary<string, Func<FsmHarness, List<VrrpAction>>> Events = new()
    {
        ["Start"] = h => h.Start(),
        ["Advert0"] = h => h.Advert(0, "10.199.0.9"),
        ["AdvertLower"] = h => h.Advert(50, "10.199.0.9"),
        ["AdvertEqualLowerAddress"] = h => h.Advert(100, "10.199.0.4"),
        ["AdvertEqualOurAddress"] = h => h.Advert(100, Us),
        ["AdvertEqualHigherAddress"] = h => h.Advert(100, "10.199.0.6"),
        ["AdvertHigher"] = h => h.Advert(200, "10.199.0.9"),
        ["AdvertMalformed"] = h => h.Advert(300, "10.199.0.9"),
        ["TimerLive"] = h => h.FireNext(TimeSpan.MaxValue) ?? [],
        ["TimerStale"] = h => h.Run(VrrpEvent.TimerExpired(VrrpTimer.MasterDown, 123_456)),
        ["PriorityUp"] = h => h.Priority(200),
        ["PriorityDown"] = h => h.Priority(50),
        ["FaultOn"] = h => h.Fault(true),
        ["FaultOff"] = h => h.Fault(false),
        ["Stop"] = h => h.Stop(),
        ["None"] = h => h.Run(default),
    };

    // Resulting state for Init, Backup, Master, Fault, Stop (I B M F S).
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["Start"] = "B B M F S",
        ["Advert0"] = "I B M F S",
        ["AdvertLower"] = "I B M F S",
        ["AdvertEqualLowerAddress"] = "I B M F S",
        ["AdvertEqualOurAddress"] = "I B M F S",
        ["AdvertEqualHigherAddress"] = "I B B F S",
        ["AdvertHigher"] = "I B B F S",
        ["AdvertMalformed"] = "I B M F S",
        ["TimerLive"] = "I M M F S",
        ["TimerStale"] = "I B M F S",
        ["PriorityUp"] = "I B M F S",
        ["PriorityDown"] = "I B M F S",
        ["FaultOn"] = "I F F F S",
        ["FaultOff"] = "I B M B S",
        ["Stop"] = "S S S S S",
        ["None"] = "I B M F S",
    };

    private static readonly VrrpState[] States = [VrrpState.Init, VrrpState.Backup, VrrpState.Master, VrrpState.Fault, VrrpState.Stop];

    public static TheoryData<VrrpState, string> Cases()
    {
        var data = new TheoryData<VrrpState, string>();
        foreach (var s in States)
            foreach (var e in Events.Keys)
                data.Add(s, e);
        return data;
    }

    private static FsmHarness In(VrrpState state)
    {
        var h = new FsmHarness(100, Us);
        if (state == VrrpState.Init) return h;
        h.Start();
        switch (state)
        {
            case VrrpState.Master: h.AdvanceTo(TimeSpan.FromSeconds(4)); break;
            case VrrpState.Fault: h.Fault(true); break;
            case VrrpState.Stop: h.Stop(); break;
        }
        Assert.Equal(state, h.State);
        return h;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_state_and_event_reaches_the_expected_state(VrrpState state, string @event)
    {
        var h = In(state);
        var actions = Events[@event](h);

        var expected = Expected[@event].Split(' ')[Array.IndexOf(States, state)] switch
        {
            "I" => VrrpState.Init, "B" => VrrpState.Backup, "M" => VrrpState.Master, "F" => VrrpState.Fault, _ => VrrpState.Stop,
        };
        Assert.Equal(expected, h.State);
        // a state change is reported exactly when it happened, and from where
        var changes = actions.Where(a => a.Kind == VrrpActionKind.StateChanged).ToList();
        if (expected == state) Assert.Empty(changes);
        else Assert.Equal(state, Assert.Single(changes).From);
        // only a master holds timers other than MasterDown, only a backup the down timer
        if (h.State != VrrpState.Master) Assert.Null(h.DueOf(VrrpTimer.Advert));
        if (h.State != VrrpState.Backup) Assert.Null(h.DueOf(VrrpTimer.MasterDown));
        if (h.State == VrrpState.Backup) Assert.NotNull(h.DueOf(VrrpTimer.MasterDown));
        if (h.State == VrrpState.Master) Assert.NotNull(h.DueOf(VrrpTimer.Advert));
    }

    [Fact]
    public void The_virtual_addresses_are_added_and_removed_in_turn()
    {
        // drive one machine through many transitions; adds and removes must alternate
        var h = new FsmHarness(100, Us);
        var script = new[] { "Start", "TimerLive", "AdvertHigher", "TimerLive", "TimerLive", "FaultOn", "FaultOff", "TimerLive",
            "AdvertEqualHigherAddress", "TimerLive", "AdvertLower", "Advert0", "Stop" };
        foreach (var step in script)
            Events[step](h);
        var vips = h.Log.Where(a => a.Kind is VrrpActionKind.AddVirtualAddresses or VrrpActionKind.RemoveVirtualAddresses).ToList();
        Assert.True(vips.Count >= 6);
        for (int i = 0; i < vips.Count; i++)
            Assert.Equal(i % 2 == 0 ? VrrpActionKind.AddVirtualAddresses : VrrpActionKind.RemoveVirtualAddresses, vips[i].Kind);
        Assert.Equal(VrrpState.Stop, h.State);
    }
}

using FsCheck;
using FsCheck.Fluent;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;

namespace Keepalived.Tests.Protocol.StateMachine;

/// <summary>Arbitrary event sequences, hostile values included: nothing throws and the invariants hold.</summary>
public class RandomSequenceTests
{
    private static List<VrrpAction> Step(FsmHarness h, int code, int value, byte last)
    {
        switch ((uint)code % 9)
        {
            case 0: return h.Start();
            case 1: return h.Stop();
            case 2: return h.Fault(value % 2 == 0);
            case 3: return h.Priority(value);
            case 4: return h.Advance(TimeSpan.FromMilliseconds((uint)value % 5000));
            case 5: return h.Run(VrrpEvent.TimerExpired((VrrpTimer)(value & 7), value));
            default:
                // version 3, 100 ms: intervals in ms, priorities in -10..265
                var source = new System.Net.IPAddress([10, 199, 0, last]);
                return h.Run(VrrpEvent.AdvertReceived(value % 276 - 10, TimeSpan.FromMilliseconds(value % 300 - 20), source));
        }
    }

    [Fact]
    public void Invariants_hold_for_any_sequence()
    {
        Prop.ForAll<(int Code, int Value, byte Last)[]>(steps =>
        {
            var h = new FsmHarness(100, "10.199.0.5", 3, TimeSpan.FromMilliseconds(100));
            bool vipSet = false;
            foreach (var (code, value, last) in steps)
            {
                foreach (var a in Step(h, code, value, last))
                {
                    if (a.Kind == VrrpActionKind.AddVirtualAddresses) { if (vipSet) return false; vipSet = true; }
                    if (a.Kind == VrrpActionKind.RemoveVirtualAddresses) { if (!vipSet) return false; vipSet = false; }
                    if (a.Kind == VrrpActionKind.SendAdvert && a.Priority != 0 && h.State != VrrpState.Master) return false;
                    if (a.Kind == VrrpActionKind.StartTimer && a.Delay < TimeSpan.Zero) return false;
                }
                if (vipSet != (h.State == VrrpState.Master)) return false;
                if ((h.DueOf(VrrpTimer.MasterDown) is not null) != (h.State == VrrpState.Backup)) return false;
                if ((h.DueOf(VrrpTimer.Advert) is not null) != (h.State == VrrpState.Master)) return false;
                if (h.Machine.EffectivePriority is < 1 or > 255) return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }
}

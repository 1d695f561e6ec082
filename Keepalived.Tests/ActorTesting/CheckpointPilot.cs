using Keepalived.Actors.Kernel;

namespace Keepalived.Tests.ActorTesting;

/// <summary>
/// Makes a probe standing in for a leaf on the takeover's path (socket, GARP) answer
/// <see cref="Checkpoint"/> as the leaf does, and keeps checkpoints out of what the test expects.
/// </summary>
public static class CheckpointPilot
{
    public static TestProbe PassingCheckpoints(this TestProbe probe)
    {
        var self = probe.Ref;
        probe.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            if (message is Checkpoint) sender.Tell(CheckpointPassed.Instance, self);
            return AutoPilot.KeepRunning;
        }));
        probe.IgnoreMessages<Checkpoint>();
        return probe;
    }
}

using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Check.Logic;
using Keepalived.Actors.Config.Check;
using Keepalived.Actors.Runtime;
using Keepalived.Actors.Tracking;

namespace Keepalived.Actors.Check;

/// <summary>
/// One real server of a virtual server: the parent of its checkers, which it runs as leaves,
/// and the one place that turns their results into the server's health and weight
/// (<see cref="RealServerHealth"/>), told to the virtual server. FILE_CHECKs have no actor of
/// their own: the server follows their track files' values directly, as keepalived does.
/// </summary>
public sealed class RealServerActor : ServiceActor
{
    private readonly State _state;

    /// <summary>What the server keeps across incarnations: its health and each checker's progress.</summary>
    /// <param name="Checkers">One entry per checker, in configuration order, with its Props (null for FILE_CHECK).</param>
    /// <param name="Files">The FILE_CHECKs: checker index, track file actor, weight and reverse.</param>
    public sealed record State(int Index, string Name, RealServerHealth Health, IReadOnlyList<(string Name, Props? Props)> Checkers,
        IReadOnlyList<FileCheck> Files);

    /// <summary>A FILE_CHECK: checker <paramref name="Index"/> follows <paramref name="Tracker"/>.</summary>
    public sealed record FileCheck(int Index, string TrackFile, IActorRef Tracker, long Weight, bool Reverse);

    /// <summary>To the virtual server: the server's health changed, or a first result asks for its notify.</summary>
    public sealed record HealthChanged(int Index, HealthChange Change);

    /// <summary>To the virtual server: the server's effective weight is now <paramref name="EffectiveWeight"/>.</summary>
    public sealed record WeightChanged(int Index, long EffectiveWeight);

    public static Props Props(State state) => FactoryProps.Create(() => new RealServerActor(state));

    public RealServerActor(State state)
    {
        _state = state;
        Receive<CheckerActor.Reported>(r => Report(r.Index, r.Report, r.Alpha));
        Receive<CheckerActor.ShareChanged>(s => Share(s.Index, s.Share));
        Receive<CheckerActor.SetEnabled>(e =>
        {
            foreach (var child in Context.GetChildren()) child.Tell(e);
        });
        Receive<TrackFileActor.TrackerValue>(OnFileValue);
        ReceiveAny(Unhandled);
    }

    /// <summary>
    /// A checker that fails is made again in place, however often: its progress lives in its
    /// State, and its new incarnation waits a backoff before its first check
    /// (<see cref="CheckerActor.RestartBackoff"/>). The checkers are this actor's own children,
    /// not leaves behind a BackoffSupervisor each: with 40,000 real servers that supervisor was
    /// a third of the tree.
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() => LeafSupervision.AlwaysAgain;

    protected override void PreStart()
    {
        foreach (var (name, props) in _state.Checkers)
            if (props is not null) Context.ActorOf(props, name);
        foreach (var file in _state.Files) file.Tracker.Tell(new TrackerActor.Subscribe(Self));
    }

    private void Report(int index, CheckerReport report, bool alpha)
    {
        var change = _state.Health.Apply(index, report, alpha);
        if (change != HealthChange.None) Context.Parent.Tell(new HealthChanged(_state.Index, change));
    }

    private void Share(int index, long share)
    {
        if (_state.Health.SetShare(index, share)) Context.Parent.Tell(new WeightChanged(_state.Index, _state.Health.EffectiveWeight));
    }

    /// <summary>FILE_CHECK (process_update_checker_track_file_status): the value sets the checker's state and share.</summary>
    private void OnFileValue(TrackFileActor.TrackerValue value)
    {
        foreach (var file in _state.Files)
        {
            if (file.TrackFile != value.Name) continue;
            var (up, share) = FileCheckWeight.For(value.Value, file.Weight, file.Reverse);
            Log.Debug("FILE_CHECK {File} of {Server}: value {Value} → {State}, share {Share}", value.Name, _state.Name, value.Value,
                up ? "up" : "down", share);
            Share(file.Index, share);
            var wasUp = _state.Health.IsUp(file.Index);
            if (up != wasUp) Report(file.Index, new CheckerReport(up, wasUp, true), false);
        }
    }
}

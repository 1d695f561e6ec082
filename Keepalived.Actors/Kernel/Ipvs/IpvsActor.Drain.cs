using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Kernel.Ipvs;

public sealed partial class IpvsActor
{
    /// <summary>How often the table is looked at while a destination drains (the reconcile's 5 s would delay its deletion).</summary>
    public static readonly TimeSpan DrainInterval = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _clock = ActorClock.Of(Context.System);

    /// <summary>Monotonic time since the first incarnation: drain start times outlive a restart.</summary>
    private TimeSpan Now => _clock.GetElapsedTime(_state.ClockStart ??= _clock.GetTimestamp());

    /// <summary>One owner's plan; with drain-before-remove, its dropped destinations drain first.</summary>
    private IpvsPlan Plan(IpvsOwner owner, IReadOnlyList<DesiredService> desired, Dictionary<IpvsServiceKey, DesiredService> inKernel)
    {
        var plan = IpvsPlan.Create(desired, inKernel, owner.Owned);
        if (_settings.DrainTimeout is not { } timeout) return plan;
        var drain = IpvsDrain.Create(plan, inKernel, owner.Draining, Now, timeout);
        owner.Draining = drain.Draining;
        return drain.Plan;
    }

    /// <summary>A look at the owners with draining destinations only: their services' connection counts.</summary>
    private void LookAtDraining()
    {
        foreach (var owner in _state.Owners)
            if (owner.Draining.Count > 0) owner.Dirty = true;
        ReconcileOwners(full: false);
    }

    /// <summary>After a reconcile: <see cref="DrainLook"/> every <see cref="DrainInterval"/> while anything drains, none otherwise.</summary>
    private void LookAgainWhileDraining()
    {
        if (_settings.DrainTimeout is null) return;
        if (!_state.AnyDraining)
            Timers.Cancel(DrainLook.Instance);
        else if (!Timers.IsTimerActive(DrainLook.Instance))
            Timers.StartPeriodicTimer(DrainLook.Instance, DrainLook.Instance, DrainInterval);
    }
}

namespace Keepalived.Actors.Check.Logic;

public sealed partial class VirtualServerModel
{
    /// <summary>
    /// update_quorum_state: the quorum is gained at quorum + hysteresis (the sorry server leaves,
    /// the alive servers return) and lost below quorum − hysteresis or at weight 0 (the alive
    /// servers leave, the sorry server comes in). At start with too little weight, "Starting with
    /// quorum down" happens only when there is a sorry server to put in.
    /// </summary>
    private void UpdateQuorum(bool init)
    {
        var weight = WeighLiveServers();
        var threshold = Threshold;
        if (!QuorumUp && weight >= threshold)
        {
            QuorumUp = true;
            Log($"Gained quorum {_vs.Quorum}+{_vs.Hysteresis}={threshold} <= {weight} for VS {Name}");
            if (_sorry is { Alive: true } sorry)
            {
                Log($"{(sorry.Inhibit ? "Disabling" : "Removing")} sorry server {sorry.Name} from VS {Name}");
                Command(sorry, add: false);
                sorry.Alive = false;
                PoolCommand(add: true);
            }
            QuorumNotifies(stopping: false);
        }
        else if ((QuorumUp && (weight == 0 || weight < threshold)) || (init && !QuorumUp && _sorry is { Alive: false }))
        {
            QuorumUp = false;
            Log($"{(init ? "Starting with quorum down" : "Lost quorum")} {_vs.Quorum}-{_vs.Hysteresis}={threshold} > {weight} for VS {Name}");
            if (_sorry is { Alive: false } sorry)
            {
                Log($"{(sorry.Inhibit ? "Enabling" : "Adding")} sorry server {sorry.Name} to VS {Name}");
                PoolCommand(add: false);
                Command(sorry, add: true);
                sorry.Alive = true;
            }
            QuorumNotifies(stopping: false);
        }
    }

    /// <summary>perform_quorum_state: the alive servers enter or leave the kernel together, staying alive.</summary>
    private void PoolCommand(bool add)
    {
        Log($"{(add ? "Adding alive servers to" : "Removing alive servers from")} the pool for VS {Name}");
        foreach (var s in _servers)
            if (s.Alive) Command(s, add);
    }

    /// <summary>
    /// ipvs_cmd on the model: with inhibit_on_failure a removal is a weight of 0 and an add to a
    /// server already there is a weight edit; otherwise add and delete set and clear the entry.
    /// </summary>
    private static void Command(Server s, bool add)
    {
        var weight = IpvsMapping.RealWeight(s.EffectiveWeight);
        if (!add)
        {
            if (s.Inhibit) s.KernelWeight = 0;
            else s.Set = false;
        }
        else if (s.Inhibit && s.Set)
        {
            s.KernelWeight = weight;
        }
        else if (!s.Set)
        {
            s.Set = true;
            s.KernelWeight = s.Inhibit && s.Failing ? 0 : weight;
        }
    }

    /// <summary>do_rs_notifies: the script of the state the server is in, and its FIFO line.</summary>
    private void ServerNotifies(Server s, bool stopping)
    {
        if ((s.Alive ? s.Config.NotifyUp : s.Config.NotifyDown) is { } script) _effects.Add(new CheckEffect.RunScript(script, stopping));
        _effects.Add(new CheckEffect.FifoLine($"RS {s.Name} {Name} {(s.Alive ? "UP" : "DOWN")}"));
    }

    /// <summary>do_vs_notifies: while stopping only with omega.</summary>
    private void QuorumNotifies(bool stopping)
    {
        if (stopping && !_vs.Omega) return;
        if ((QuorumUp ? _vs.QuorumUp : _vs.QuorumDown) is { } script) _effects.Add(new CheckEffect.RunScript(script, stopping));
        _effects.Add(new CheckEffect.FifoLine($"VS {Name} {(QuorumUp ? "UP" : "DOWN")}"));
    }

    /// <summary>
    /// clear_service_vs at SIGTERM (or when a reload removes the virtual server): the sorry
    /// server out, then each real server in order, deleted even with inhibit_on_failure, with
    /// notify_down for the alive ones under omega, then quorum_down under omega whatever the
    /// quorum was; the table is then empty and the service goes.
    /// </summary>
    /// <param name="stopping">SIGTERM (omega governs the notifies); false for a removal by reload, which always notifies.</param>
    public void Stop(bool stopping)
    {
        if (_sorry is { Set: true } sorry)
        {
            ForceDelete(sorry);
            sorry.Alive = false;
        }
        foreach (var s in _servers)
        {
            if (s.Set || stopping)
                Log($"{(stopping ? "Shutting down" : "Removing")} {(s.Inhibit && !s.Alive ? "(inhibited) " : "")}service {s.Name} from VS {Name}");
            if (!s.Set) continue;
            ForceDelete(s);
            if (!s.Alive) continue;
            s.Alive = false;
            if (!_vs.Omega && stopping) continue;
            ServerNotifies(s, stopping);
        }
        // update_vs_notifies: stopping forces the quorum down and its notify
        var weight = WeighLiveServers();
        if (stopping || (QuorumUp && (weight == 0 || weight < (long)_vs.Quorum - _vs.Hysteresis)))
        {
            QuorumUp = false;
            QuorumNotifies(stopping);
        }
        Stopped = true;
    }

    /// <summary>Once stopped the virtual server has no table at all: its services go too.</summary>
    public bool Stopped { get; private set; }

    private static void ForceDelete(Server s)
    {
        var inhibit = s.Inhibit;
        s.Inhibit = false;
        Command(s, add: false);
        s.Inhibit = inhibit;
    }
}

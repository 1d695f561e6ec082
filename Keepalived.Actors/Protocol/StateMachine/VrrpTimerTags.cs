namespace Keepalived.Actors.Protocol;

/// <summary>
/// Which timer of each kind is the live one. Every start hands out a new tag (one counter for
/// all kinds, so a tag is never reused); an expiry counts only if its tag is the one last
/// started for its kind and that timer was not cancelled since, so a timer that fires after
/// it was restarted or cancelled (a message already in the mailbox) is ignored.
/// </summary>
internal sealed class VrrpTimerTags
{
    private const int Kinds = (int)VrrpTimer.GarpLowerPrioDelay + 1;
    // 0 = not armed; tags start at 1.
    private readonly long[] _armed = new long[Kinds];
    private long _last;

    public bool IsArmed(VrrpTimer timer) => _armed[(int)timer] != 0;

    /// <summary>Arms the timer and returns its new tag.</summary>
    public long Start(VrrpTimer timer) => _armed[(int)timer] = ++_last;

    /// <summary>Disarms the timer; false when it was not armed.</summary>
    public bool Cancel(VrrpTimer timer)
    {
        bool wasArmed = _armed[(int)timer] != 0;
        _armed[(int)timer] = 0;
        return wasArmed;
    }

    /// <summary>True (and disarmed) when this expiry is the live timer's; false when stale or unknown.</summary>
    public bool TryExpire(VrrpTimer timer, long tag)
    {
        if ((uint)timer >= Kinds || tag == 0 || _armed[(int)timer] != tag)
            return false;
        _armed[(int)timer] = 0;
        return true;
    }
}

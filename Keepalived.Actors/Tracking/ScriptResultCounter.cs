namespace Keepalived.Actors.Tracking;

/// <summary>
/// keepalived's rise/fall counter of a vrrp_script (vrrp_script_child_thread): <c>result</c>
/// runs from 0 to rise + fall − 1 and the script is up while it is at least rise. It starts at
/// rise − 1 with the state not known, so the first result decides at once whichever way it goes
/// ("one success is enough"); with <c>init_fail</c> it starts at 0, known down, and needs rise
/// successes. After that, rise successes in a row bring it up and fall failures take it down.
/// </summary>
public sealed class ScriptResultCounter
{
    private readonly int _rise;
    private readonly int _fall;
    private bool _initial;

    public ScriptResultCounter(int rise, int fall, bool initFail)
    {
        _rise = Math.Max(1, rise);
        _fall = Math.Max(1, fall);
        _initial = !initFail;
        Result = initFail ? 0 : _rise - 1;
        Up = initFail ? false : null;
    }

    /// <summary>keepalived's vscript->result.</summary>
    public int Result { get; private set; }

    /// <summary>Up, down, or null before the first result (keepalived's SCRIPT_INIT_STATE_INIT).</summary>
    public bool? Up { get; private set; }

    /// <summary>Counts one run; true when the reported state changed.</summary>
    public bool Record(bool success)
    {
        var before = Up;
        int top = _rise + _fall - 1;
        if (success)
        {
            if (Result < _rise - 1) Result++;
            else if (Result != top)
            {
                if (Result < _rise) Up = true;
                Result = top;
            }
        }
        else if (Result > _rise) Result--;
        else
        {
            // at rise (the last success before going down) or still initial: report down
            if (Result == _rise || _initial) Up = false;
            Result = 0;
        }
        _initial = false;
        return before != Up;
    }
}

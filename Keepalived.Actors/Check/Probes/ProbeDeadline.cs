namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// The clocks of one run: every step (connect, each write, each read) gets connect_timeout
/// as in keepalived, all of them together the total cap, and the caller's token ends it all.
/// An expired step surfaces as an OperationCanceledException, which <see cref="Expired"/> names.
/// </summary>
internal sealed class ProbeDeadline : IDisposable
{
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource _total;
    private readonly TimeSpan _totalTime;
    private CancellationTokenSource? _step;

    public ProbeDeadline(TimeSpan stepTimeout, TimeSpan totalTime, CancellationToken caller)
    {
        StepTimeout = stepTimeout;
        _totalTime = totalTime;
        _caller = caller;
        _total = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _total.CancelAfter(totalTime);
    }

    public TimeSpan StepTimeout { get; }

    /// <summary>A token for the next step: connect_timeout from now, within the total cap.</summary>
    public CancellationToken Step()
    {
        // The previous step is over: reuse its source unless its timer already fired.
        if (_step is null || !_step.TryReset())
        {
            _step?.Dispose();
            _step = CancellationTokenSource.CreateLinkedTokenSource(_total.Token);
        }
        _step.CancelAfter(StepTimeout);
        return _step.Token;
    }

    public bool CallerCancelled => _caller.IsCancellationRequested;

    /// <summary>The total cap (or the caller) ended the run, not just a step.</summary>
    public bool TotalExpired => _total.IsCancellationRequested;

    /// <summary>Names the clock that ran out during <paramref name="what"/>.</summary>
    public ProbeResult Expired(string what) =>
        _caller.IsCancellationRequested ? ProbeResult.NotRun("cancelled")
        : _total.IsCancellationRequested ? ProbeResult.Fail($"{what}: probe exceeded its total time of {_totalTime.TotalSeconds:0.###} s")
        : ProbeResult.Fail($"{what}: timeout after {StepTimeout.TotalSeconds:0.###} s");

    public void Dispose()
    {
        _step?.Dispose();
        _total.Dispose();
    }
}

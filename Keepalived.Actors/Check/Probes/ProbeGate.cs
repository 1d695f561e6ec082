namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// A bound on the probes in flight across the health checker. Each holds a socket (or a MISC
/// child) until it ends; a daemon that cannot keep up must run its checks late, as keepalived's
/// single loop does, not open descriptors without end (10,000 TCP checks a second in the VM,
/// ungated, opened sockets until none was left and the process ran out of memory). A run that
/// finds a free slot starts on the caller's thread, so its socket is made there (see
/// <see cref="IProbe"/>); one that has to wait starts where the slot is freed.
/// </summary>
public sealed class ProbeGate
{
    private readonly SemaphoreSlim _slots;
    private long _waited;

    public ProbeGate(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _slots = new SemaphoreSlim(capacity, capacity);
    }

    public int Capacity { get; }

    /// <summary>Runs that found no free slot and waited (for tests and metrics).</summary>
    public long Waited => Interlocked.Read(ref _waited);

    /// <summary>The default capacity: a quarter of the process's descriptor limit, within [64, 4096].</summary>
    public static int DefaultCapacity(long descriptorLimit) => (int)Math.Clamp(descriptorLimit / 4, 64, 4096);

    /// <summary>The soft RLIMIT_NOFILE from /proc/self/limits ("Max open files"); 1024 when it cannot be read.</summary>
    public static long DescriptorLimit()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
                var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 0 && long.TryParse(fields[0], out var soft) ? soft : 1024;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return 1024;
    }

    /// <summary><paramref name="probe"/>, run only while a slot is held.</summary>
    public IProbe Guard(IProbe probe) => new Gated(this, probe);

    private sealed class Gated(ProbeGate gate, IProbe inner) : IProbe
    {
        public Task<ProbeResult> RunAsync(int step, CancellationToken cancellationToken) =>
            gate._slots.Wait(0) ? RunHoldingSlot(step, cancellationToken) : WaitThenRun(step, cancellationToken);

        private async Task<ProbeResult> RunHoldingSlot(int step, CancellationToken cancellationToken)
        {
            try
            {
                return await inner.RunAsync(step, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate._slots.Release();
            }
        }

        private async Task<ProbeResult> WaitThenRun(int step, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref gate._waited);
            try
            {
                await gate._slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return ProbeResult.NotRun("cancelled while waiting for a free probe slot");
            }
            return await RunHoldingSlot(step, cancellationToken).ConfigureAwait(false);
        }
    }
}

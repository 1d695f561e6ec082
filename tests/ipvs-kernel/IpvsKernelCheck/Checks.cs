namespace IpvsKernelCheck;

/// <summary>One PASS/FAIL line per scenario; a scenario fails by throwing <see cref="CheckFailed"/> (or anything else).</summary>
internal sealed class Checks
{
    public int Passed { get; private set; }
    public int Failed { get; private set; }

    public void Run(string name, Action scenario)
    {
        try
        {
            scenario();
            Passed++;
            Console.WriteLine($"PASS {name}");
        }
        catch (Exception e)
        {
            Failed++;
            var why = e is CheckFailed ? e.Message : $"{e.GetType().Name}: {e.Message}";
            Console.WriteLine($"FAIL {name}: {why.Replace('\n', ' ')}");
        }
    }

    public static void That(bool condition, string why)
    {
        if (!condition) throw new CheckFailed(why);
    }

    /// <summary>ipvsadm -Sn (sorted) is exactly <paramref name="expected"/>.</summary>
    public static void Table(params string[] expected)
    {
        var actual = Shell.Saved();
        var want = expected.Order(StringComparer.Ordinal).ToList();
        if (!actual.SequenceEqual(want))
            throw new CheckFailed($"ipvsadm -Sn: missing [{string.Join(" | ", want.Except(actual))}] unexpected [{string.Join(" | ", actual.Except(want))}]");
    }

    /// <summary>Polls ipvsadm -Sn until it is <paramref name="expected"/> (the VM is slow; a reconcile is timer-driven).</summary>
    public static void TableWithin(TimeSpan limit, params string[] expected)
    {
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                Table(expected);
                return;
            }
            catch (CheckFailed) when (DateTime.UtcNow < until)
            {
                Thread.Sleep(200);
            }
        }
    }
}

internal sealed class CheckFailed(string message) : Exception(message);

namespace Keepalived.Actors.Check.Logic;

/// <summary>
/// FILE_CHECK (check_file.c, track_file.c: update_track_file_status): the file's value v with
/// the checker's weight w (the track_file's when not given) and −1 for <c>reverse</c>. With
/// w = 0 the checker is down while v ≠ 0 (v = 0 when reversed); otherwise its share of the
/// real server's weight is v·w·m clamped to 32 bits, and the lowest value (IPVS_WEIGHT_FAULT)
/// means down.
/// </summary>
public static class FileCheckWeight
{
    /// <summary>IPVS_WEIGHT_FAULT: INT_MIN, a value that takes the checker down.</summary>
    public const long Fault = int.MinValue;

    /// <summary>The checker's state and share for <paramref name="value"/>: (up, share).</summary>
    public static (bool Up, long Share) For(long value, long weight, bool reverse)
    {
        if (weight == 0) return (reverse ? value == 0 : value != 0) ? (false, 0) : (true, 0);
        var product = (Int128)value * weight * (reverse ? -1 : 1);
        var share = (long)Int128.Clamp(product, int.MinValue, int.MaxValue);
        return share <= Fault ? (false, 0) : (true, share);
    }
}

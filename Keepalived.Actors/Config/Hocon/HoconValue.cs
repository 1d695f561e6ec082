namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// A node of a HOCON tree: <see cref="HoconObject"/>, <see cref="HoconArray"/> or
/// <see cref="HoconLiteral"/> once resolved. Every value remembers where it was written
/// (<see cref="Origin"/>). The typed getters apply the spec's automatic conversions
/// (e.g. the string <c>"yes"</c> reads as <c>true</c>, <c>"10s"</c> as a duration).
/// </summary>
public abstract class HoconValue
{
    private protected HoconValue(HoconOrigin origin, HoconMetrics metrics)
    {
        Origin = origin;
        Depth = metrics.Depth;
        Size = metrics.Size;
        HasUnresolved = metrics.HasUnresolved;
    }

    /// <summary>File, line and column where the value was written.</summary>
    public HoconOrigin Origin { get; }

    /// <summary>The JSON type of the value.</summary>
    public abstract HoconType Type { get; }

    internal int Depth { get; }

    internal long Size { get; }

    internal bool HasUnresolved { get; }

    /// <summary>True for objects.</summary>
    public bool IsObject() => Type == HoconType.Object;

    /// <summary>True for arrays.</summary>
    public bool IsArray() => Type == HoconType.Array;

    /// <summary>True for strings, numbers and booleans (values that read as a string).</summary>
    public bool IsString() => Type is HoconType.String or HoconType.Number or HoconType.Boolean;

    /// <summary>True for <c>null</c>.</summary>
    public bool IsNull() => Type == HoconType.Null;

    /// <summary>The value as a string (numbers as written, booleans as <c>true</c>/<c>false</c>).</summary>
    public string GetString() => HoconConvert.ToText(this, null);

    /// <summary>The value as a boolean: true/yes/on or false/no/off.</summary>
    public bool GetBoolean() => HoconConvert.ToBoolean(this, null);

    /// <summary>The value as a 32-bit integer.</summary>
    public int GetInt() => HoconConvert.ToInt(this, null);

    /// <summary>The value as a 64-bit integer.</summary>
    public long GetLong() => HoconConvert.ToLong(this, null);

    /// <summary>The value as a double.</summary>
    public double GetDouble() => HoconConvert.ToDouble(this, null);

    /// <summary>The value as a duration (a bare number is milliseconds).</summary>
    public TimeSpan GetTimeSpan(bool allowInfinite = true) => HoconConvert.ToTimeSpan(this, null, allowInfinite);

    /// <summary>The value as a size in bytes (a bare number is bytes).</summary>
    public long GetByteSize() => HoconConvert.ToByteSize(this, null);

    /// <summary>The elements of an array value.</summary>
    public IReadOnlyList<HoconValue> GetArray() => HoconConvert.ToArray(this, null);

    /// <summary>An array value whose elements are all strings, numbers or booleans.</summary>
    public IList<string> GetStringList() => HoconConvert.ToStringList(this, null);

    /// <summary>The value as an object.</summary>
    public HoconObject GetObject() => HoconConvert.ToObject(this, null);

    /// <summary>Compact JSON rendering (unresolved parts are shown as written).</summary>
    public override string ToString() => HoconRenderer.Render(this);
}

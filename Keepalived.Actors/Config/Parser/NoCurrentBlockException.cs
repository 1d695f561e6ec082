namespace Keepalived.Actors.Config.Parser;

/// <summary>
/// A keyword of a block was reached while there is no block to apply it to (the block's opening
/// line was rejected but its body could not be skipped). keepalived's behaviour is undefined
/// here; the parser reports the line and goes on.
/// </summary>
public sealed class NoCurrentBlockException(string block) : Exception($"not inside a valid {block} block")
{
    public string Block { get; } = block;
}

namespace Keepalived.Actors.Config.Global;

/// <summary>The Global part of the configuration (filled by its keyword section).</summary>
public sealed class GlobalConfig
{
}

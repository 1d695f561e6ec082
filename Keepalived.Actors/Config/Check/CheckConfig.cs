namespace Keepalived.Actors.Config.Check;

/// <summary>The Check part of the configuration (filled by its keyword section).</summary>
public sealed class CheckConfig
{
}

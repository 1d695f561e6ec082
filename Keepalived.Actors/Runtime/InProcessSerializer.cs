using Akka.Actor;
using Akka.Serialization;

namespace Keepalived.Actors.Runtime;

/// <summary>
/// The serializer bound to every message type (Akka's <c>json</c> entry, see
/// <see cref="ActorSystemConfig"/>). keepalived-net's messages never leave the process (no
/// remoting, no persistence, <c>serialize-messages</c> off), yet Akka makes its serializers at
/// start: its JSON one would pull Newtonsoft.Json, and through it the framework's XML, DataSet and
/// HTTP code, into the published image. Asked to serialize anyway (an operator's
/// <c>serialize-messages = on</c>), it says why it cannot rather than pass a null message on.
/// </summary>
public sealed class InProcessSerializer : Serializer
{
    /// <summary>Outside Akka's own range (0-40), unused by any serializer keepalived-net loads.</summary>
    public const int Id = 1000;

    public InProcessSerializer(ExtendedActorSystem system) : base(system) { }

    /// <summary>The form Akka uses when <c>akka.actor.serialization-settings</c> has an entry of the same name, as it has for json.</summary>
    public InProcessSerializer(ExtendedActorSystem system, Akka.Configuration.Config _) : base(system) { }

    public override int Identifier => Id;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) => throw NotInProcess(obj.GetType());

    public override object FromBinary(byte[] bytes, Type type) => throw NotInProcess(type);

    private static NotSupportedException NotInProcess(Type type) =>
        new($"{type}: keepalived-net's messages stay in the process and are not serialized (akka.actor.serialize-messages must stay off)");
}

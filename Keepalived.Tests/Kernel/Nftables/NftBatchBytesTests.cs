using System.Net;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Nftables;

namespace Keepalived.Tests.Kernel.Nftables;

/// <summary>
/// The batches <see cref="NftablesFirewall"/> writes, byte for byte against what keepalived 2.2.7
/// sent for the same addresses (Captures/, taken with strace; sequence numbers zeroed on both sides).
/// </summary>
public sealed class NftBatchBytesTests
{
    private const int VethIndex = 3;
    private static readonly NftablesSettings Settings = new();

    private static readonly NftVip[] Ipv4 =
    [
        new(NftVipSet.Ipv4, IPAddress.Parse("10.199.1.100")),
        new(NftVipSet.Ipv4, IPAddress.Parse("10.199.1.101")),
    ];

    private static readonly NftVip[] Ipv6 =
    [
        new(NftVipSet.Ipv6LinkLocalIndex, IPAddress.Parse("fe80::1:100"), VethIndex),
        new(NftVipSet.Ipv6, IPAddress.Parse("fd00:199::100")),
    ];

    private delegate void Content(ref NftBatchWriter batch);

    [Fact]
    public void First_IPv4_addresses_create_the_ip_table_chains_set_and_rules_as_keepalived_does()
    {
        var firewall = new NftablesFirewall(Settings);
        Assert.Equal(Capture("add-ipv4"), Batch((ref NftBatchWriter b) => firewall.WriteAdd(ref b, Ipv4, false, false)));
        Assert.True(firewall.Setup.Ipv4Vips);
    }

    [Fact]
    public void Then_IPv6_addresses_create_the_ip6_table_with_neighbour_discovery_and_link_local_checks()
    {
        var firewall = new NftablesFirewall(Settings);
        Batch((ref NftBatchWriter b) => firewall.WriteAdd(ref b, Ipv4, false, false));
        Assert.Equal(Capture("add-ipv6"), Batch((ref NftBatchWriter b) => firewall.WriteAdd(ref b, Ipv6, false, false)));
        Assert.True(firewall.Setup.LinkLocalIndex);
        Assert.False(firewall.Setup.LinkLocalName);
    }

    [Fact]
    public void Removal_deletes_the_elements_and_cleanup_the_tables()
    {
        var firewall = new NftablesFirewall(Settings);
        Batch((ref NftBatchWriter b) => firewall.WriteAdd(ref b, Ipv4, false, false));
        Batch((ref NftBatchWriter b) => firewall.WriteAdd(ref b, Ipv6, false, false));
        Assert.Equal(Capture("remove-ipv4"), Batch((ref NftBatchWriter b) => firewall.WriteRemove(ref b, Ipv4)));
        Assert.Equal(Capture("remove-ipv6"), Batch((ref NftBatchWriter b) => firewall.WriteRemove(ref b, Ipv6)));
        Assert.Equal(Capture("cleanup"), Batch((ref NftBatchWriter b) => firewall.WriteCleanup(ref b)));
        Assert.False(firewall.HasTables);
    }

    [Fact]
    public void A_second_add_of_the_same_kind_sends_only_the_elements()
    {
        var firewall = new NftablesFirewall(Settings);
        Batch((ref NftBatchWriter b) => firewall.WriteAdd(ref b, Ipv4, false, false));
        var more = Batch((ref NftBatchWriter b) => firewall.WriteAdd(ref b, [new(NftVipSet.Ipv4, IPAddress.Parse("10.199.1.102"))], false, false));
        Assert.Equal([NfNetlinkConstants.MessageType(NftMessageType.NewSetElem)], RequestTypes(more));
    }

    [Fact]
    public void Stale_tables_of_an_earlier_run_are_deleted_before_the_first_table()
    {
        var firewall = new NftablesFirewall(Settings);
        var batch = Batch((ref NftBatchWriter b) => firewall.WriteAdd(ref b, Ipv4, true, true));
        var types = RequestTypes(batch);
        Assert.Equal(NfNetlinkConstants.MessageType(NftMessageType.DelTable), types[0]);
        Assert.Equal(NfNetlinkConstants.MessageType(NftMessageType.DelTable), types[1]);
        Assert.Equal(NfNetlinkConstants.MessageType(NftMessageType.NewTable), types[2]);
        // nfgenmsg family: ip, then ip6
        Assert.Equal([NfNetlinkConstants.ProtoIpv4, NfNetlinkConstants.ProtoIpv6], Families(batch).Take(2));
    }

    [Fact]
    public void Counters_add_a_counter_expression_before_each_verdict()
    {
        var firewall = new NftablesFirewall(Settings with { Counters = true });
        var batch = Batch((ref NftBatchWriter b) => firewall.WriteAdd(ref b, Ipv4, false, false));
        // two rules, each with one counter (name attribute "counter\0")
        Assert.Equal(2, Occurrences(batch, "counter\0"u8));
        Assert.Equal(0, Occurrences(Capture("add-ipv4"), "counter\0"u8));
    }

    [Fact]
    public void Priority_and_table_name_come_from_global_defs()
    {
        var global = new GlobalConfig { NftablesTable = "ka_test", NftablesPriority = -5 };
        var firewall = new NftablesFirewall(NftablesSettings.From(global));
        var batch = Batch((ref NftBatchWriter b) => firewall.WriteAdd(ref b, Ipv4, false, false));
        Assert.True(Occurrences(batch, "ka_test\0"u8) >= 5);
        // NFTA_HOOK_PRIORITY (type 2, len 8) holding -5 in network order
        Assert.Equal(2, Occurrences(batch, [8, 0, 2, 0, 0xff, 0xff, 0xff, 0xfb]));
    }

    [Fact]
    public void Link_local_addresses_keyed_by_name_get_their_own_set_and_rules()
    {
        var firewall = new NftablesFirewall(Settings);
        NftVip[] byName = [new(NftVipSet.Ipv6LinkLocalName, IPAddress.Parse("fe80::1:100"), InterfaceName: "veth0")];
        var batch = Batch((ref NftBatchWriter b) => firewall.WriteAdd(ref b, byName, false, false));
        Assert.True(firewall.Setup.LinkLocalName);
        Assert.Equal(4, Occurrences(batch, "vips_link_local_name\0"u8)); // the set, two lookups, the elements
        // key: the address then "veth0" padded to IFNAMSIZ
        var key = new byte[32];
        byName[0].WriteKey(key);
        Assert.Equal(1, Occurrences(batch, key));
        Assert.Equal("veth0"u8.ToArray(), key[16..21]);
        Assert.All(key[21..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Holders_are_counted_so_a_shared_address_stays_until_its_last_holder_releases_it()
    {
        var firewall = new NftablesFirewall(Settings);
        Assert.Equal(2, firewall.Retain(Ipv4).Count);
        Assert.Empty(firewall.Retain(Ipv4[..1]));
        Assert.Equal([Ipv4[1]], firewall.Release(Ipv4));
        Assert.Equal([Ipv4[0]], firewall.Release(Ipv4));
        Assert.Empty(firewall.Release(Ipv4));
    }

    private static byte[] Batch(Content content)
    {
        var buffer = new byte[16384];
        var batch = new NftBatchWriter(buffer, 1000);
        content(ref batch);
        var length = batch.Finish();
        return ZeroSequences(buffer.AsSpan(0, length).ToArray());
    }

    private static byte[] Capture(string name)
    {
        var hex = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Kernel", "Nftables", "Captures", name + ".hex")).Trim();
        return ZeroSequences(Convert.FromHexString(hex));
    }

    private static byte[] ZeroSequences(byte[] batch)
    {
        var reader = new NetlinkMessageReader(batch);
        var offset = 0;
        while (reader.TryRead(out var message))
        {
            batch.AsSpan(offset + 8, 4).Clear();
            offset += NetlinkMessageHeader.Align((int)message.Header.Length);
        }
        Assert.False(reader.Malformed);
        return batch;
    }

    private static List<ushort> RequestTypes(byte[] batch) => Messages(batch).Skip(1).SkipLast(1).Select(m => m.Type).ToList();

    private static IEnumerable<byte> Families(byte[] batch) => Messages(batch).Skip(1).SkipLast(1).Select(m => m.Family);

    private static List<(ushort Type, byte Family)> Messages(byte[] batch)
    {
        var list = new List<(ushort, byte)>();
        var reader = new NetlinkMessageReader(batch);
        while (reader.TryRead(out var message))
            list.Add(((ushort)message.Header.Type, message.Payload[0]));
        return list;
    }

    private static int Occurrences(ReadOnlySpan<byte> data, ReadOnlySpan<byte> what)
    {
        var count = 0;
        for (var i = data.IndexOf(what); i >= 0; i = data[(i + 1)..].IndexOf(what) is var j and >= 0 ? i + 1 + j : -1)
            count++;
        return count;
    }
}

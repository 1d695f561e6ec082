using System.Diagnostics;
using System.Net;
using Keepalived.Actors.Kernel.Vrrp;

namespace Keepalived.Tests.Kernel;

/// <summary>tshark decodes what VrrpSocket puts on the wire as VRRP, with a good checksum.</summary>
public sealed class TsharkTests
{
    [RootTheory(Tool = "tshark")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Adverts_decode_as_VRRP(bool ipv6)
    {
        using var link = VethLink.Create();
        IPAddress source = ipv6 ? VethLink.A6 : VethLink.A4;
        IPAddress group = ipv6 ? VrrpSocketOptions.Ipv6Group : VrrpSocketOptions.Ipv4Group;
        using var sender = link.A.Run(() => new VrrpSocket(VrrpSocketTests.Options(VethLink.AInterface, ipv6, false, null, null)));
        using var capture = link.B.Run(() => PacketCapture.Open(VethLink.BInterface));

        sender.Send(TestAdvert.Build(42, 150, source, group, source), source, group);
        byte[] frame = await capture.NextAsync(f => PacketCapture.EtherType(f) == (ipv6 ? 0x86dd : 0x0800) && f[ipv6 ? 20 : 23] == 112);

        string pcap = Path.Combine(Path.GetTempPath(), $"vrrp-{Environment.ProcessId}-{ipv6}.pcap");
        try
        {
            PcapFile.Write(pcap, frame);
            string fields = Tshark(pcap, ipv6 ? "ipv6.tclass" : "ip.dsfield", ipv6 ? "ipv6.hlim" : "ip.ttl",
                "vrrp.version", "vrrp.virt_rtr_id", "vrrp.prio", "vrrp.checksum.status");
            string[] values = fields.Trim().Split('\t');
            Assert.Equal(6, values.Length);
            Assert.Equal(0xc0, Convert.ToInt32(values[0], 16)); // tshark prints the field as 0xc0 or 0x000000c0
            // version 3, VRID 42, priority 150, and 1: Wireshark's "checksum good"
            Assert.Equal(["255", "3", "42", "150", "1"], values[1..]);
        }
        finally
        {
            File.Delete(pcap);
        }
    }

    private static string Tshark(string pcap, params string[] fields)
    {
        var start = new ProcessStartInfo("tshark") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in (string[])["-n", "-r", pcap, "-T", "fields", .. fields.SelectMany(f => new[] { "-e", f })])
            start.ArgumentList.Add(a);
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"tshark: {stderr.Result}");
        return output;
    }
}

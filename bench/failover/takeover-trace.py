"""Per takeover in a perf script dump of fo-trace.sh: the last advert received on eth0, our
recvmsg of it, the VRRP thread's last wake-up and the first advert sent (ms from the receipt)."""
import re,sys
for name in sys.argv[1:]:
    ev=[]
    for l in open(name):
        m=re.match(r'\s*(.+?)\s+(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+(\S+):\s*(.*)',l)
        if m: ev.append((m.group(1),int(m.group(2)),int(m.group(3)),float(m.group(4)),m.group(5),m.group(6)))
    last={}; takeovers=[]
    for i,e in enumerate(ev):
        if e[4]=='net:net_dev_xmit' and e[0] in ('vrrp','keepalived') and 'dev=eth0' in e[5]:
            t=e[3]; tid=e[1]
            if tid in last and t-last[tid]>0.25: takeovers.append(i)
            last[tid]=t
    print(name)
    for k in takeovers:
        T=ev[k][1]; tx=ev[k][3]
        B=None; j=k
        while j>0 and tx-ev[j][3]<0.6:
            if ev[j][1]==T and ev[j][4]=='syscalls:sys_exit_recvmsg' and not ev[j][5].startswith('0xff'): B=j; break
            j-=1
        if B is None: continue
        A=None; j=B
        while j>0 and ev[B][3]-ev[j][3]<0.01:
            e=ev[j]
            if e[4]=='net:netif_receive_skb' and 'dev=eth0' in e[5] and e[1]!=T: A=j; break
            j-=1
        D=None; j=k
        while j>B:
            if ev[j][4]=='sched:sched_wakeup' and f'pid={T} ' in ev[j][5]: D=j; break
            j-=1
        # first wakeup of T after expiry: find the wakeup closest before xmit
        if A is None: continue
        f=lambda x: f"{(ev[x][3]-ev[A][3])*1e3:8.3f}" if x is not None else "   -"
        print(f"  tid {T}: rx-eth0=0 recvmsg-exit={f(B)} last-wakeup={f(D)} xmit={f(k)}  (xmit-wake {(ev[k][3]-ev[D][3])*1e3 if D else 0:.3f})")

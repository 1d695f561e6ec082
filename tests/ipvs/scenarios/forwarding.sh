# NAT, DR, TUN (ipip, gue, gre) and a UDP service: the table at start and after SIGTERM
for i in 11 12 13 14; do rs_tcp 10.201.0.$i 8080; done
start
wait_until 'rows 11'
settle
sample start
stop
sample stopped

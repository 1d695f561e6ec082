# persistence_timeout + granularity, sh with sh-port/sh-fallback, UDP one-packet scheduling
for i in 11 12; do rs_tcp 10.201.0.$i 8080; done
start
wait_until 'rows 6'
settle
sample start
stop
sample stopped

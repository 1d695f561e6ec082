# a group with an address range (3 services) and a fwmark: every RS in each; kill one, return
for i in 11 12; do rs_tcp 10.201.0.$i 8080; done
start
wait_until 'rows 12'
settle
sample start
rs_kill 10.201.0.12 8080
wait_until 'lacks "10.201.0.12"'
settle
sample "10.201.0.12 killed"
rs_tcp 10.201.0.12 8080
wait_until 'rows 12'
settle
sample "10.201.0.12 back"
stop
sample stopped

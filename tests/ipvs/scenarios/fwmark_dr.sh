# fwmark service, DR: destinations get port 0, the checkers still probe 8080 (kill one)
for i in 11 12; do rs_tcp 10.201.0.$i 8080; done
start
wait_until 'rows 3'
settle
sample start
rs_kill 10.201.0.12 8080
wait_until 'lacks "10.201.0.12"'
settle
sample "10.201.0.12 killed"
rs_tcp 10.201.0.12 8080
wait_until 'has "10.201.0.12"'
settle
sample "10.201.0.12 back"
stop
sample stopped

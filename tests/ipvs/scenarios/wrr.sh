# wrr with weights 1, 3, 5, 0 and upper/lower connection thresholds
for i in 11 12 13 14; do rs_tcp 10.201.0.$i 8080; done
start
wait_until 'rows 5'
settle
sample start
stop
sample stopped

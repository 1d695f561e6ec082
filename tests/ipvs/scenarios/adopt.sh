# leftovers (as after a crash): the configured service exists with another scheduler, one
# configured destination with another weight, one unknown destination
ipvsadm -A -t 10.201.16.1:80 -s wlc
ipvsadm -a -t 10.201.16.1:80 -r 10.201.0.11:8080 -m -w 9
ipvsadm -a -t 10.201.16.1:80 -r 10.201.0.97:8080 -m -w 1
rs_tcp 10.201.0.11 8080; rs_tcp 10.201.0.12 8080
sample "before start"
start
wait_until 'has "10.201.0.12"'
settle 3
sample start
stop
sample stopped

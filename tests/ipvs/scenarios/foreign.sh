# services made with ipvsadm before the start: one not configured (left alone), and a
# destination added by ipvsadm to the configured service while it runs
ipvsadm -A -t 10.201.15.99:80 -s wlc
ipvsadm -a -t 10.201.15.99:80 -r 10.201.0.99:8080 -m -w 4
ipvsadm -A -f 99 -s rr
rs_tcp 10.201.0.11 8080
start
wait_until 'rows 5'
settle
sample start
ipvsadm -a -t 10.201.15.1:80 -r 10.201.0.98:8080 -m -w 7
settle 3
sample "a foreign destination added to the configured service"
stop
sample stopped

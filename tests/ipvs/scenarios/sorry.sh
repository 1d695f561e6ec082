# sorry_server (NAT) and sorry_server + sorry_server_inhibit (DR): the only real server dies, returns
rs_tcp 10.201.0.11 8080
start
wait_until 'has "10.201.8.1:80 -r 10.201.0.11" && has "10.201.8.2:80 -r 10.201.0.11"'
settle
sample start
rs_kill 10.201.0.11 8080
wait_until 'lacks "10.201.0.11" && has "10.201.0.31" && has "-r 10.201.0.32:80 -g -w 1"'
settle
sample "10.201.0.11 killed"
rs_tcp 10.201.0.11 8080
wait_until 'has "10.201.8.1:80 -r 10.201.0.11" && has "10.201.8.2:80 -r 10.201.0.11" && lacks "10.201.0.31"'
settle
sample "10.201.0.11 back"
stop
sample stopped

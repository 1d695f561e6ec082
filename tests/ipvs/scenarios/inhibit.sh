# inhibit_on_failure: a dead real server stays with weight 0; what happens at SIGTERM
rs_tcp 10.201.0.11 8080; rs_tcp 10.201.0.12 8080
start
wait_until 'rows 3'
settle
sample start
rs_kill 10.201.0.12 8080
wait_until 'has "-r 10.201.0.12:8080 -m -w 0"'
settle
sample "10.201.0.12 killed"
rs_tcp 10.201.0.12 8080
wait_until 'has "-r 10.201.0.12:8080 -m -w 3"'
settle
sample "10.201.0.12 back"
rs_kill 10.201.0.12 8080
wait_until 'has "-r 10.201.0.12:8080 -m -w 0"'
settle
sample "10.201.0.12 killed again"
stop
sample "stopped (10.201.0.12 dead)"

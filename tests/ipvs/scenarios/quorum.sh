# quorum 2 of three weight-1 real servers, quorum_up / quorum_down scripts: lose it, regain it
rs_tcp 10.201.0.11 8080; rs_tcp 10.201.0.12 8080; rs_tcp 10.201.0.13 8080
start
wait_until 'rows 4 && note quorum_up'
settle
sample start
rs_kill 10.201.0.13 8080
wait_until 'lacks "10.201.0.13"'
settle
sample "10.201.0.13 killed (weight 2, quorum kept)"
rs_kill 10.201.0.12 8080
wait_until 'note quorum_down'
settle 3
sample "10.201.0.12 killed (weight 1 < quorum 2)"
rs_tcp 10.201.0.12 8080
wait_until 'note quorum_up'
settle 3
sample "10.201.0.12 back (weight 2)"
stop
sample stopped

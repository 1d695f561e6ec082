# -I / --dont-release-ipvs: the same configuration as omega; SIGTERM leaves the table, no script
rs_tcp 10.201.0.11 8080; rs_tcp 10.201.0.12 8080
start -I
wait_until 'rows 5 && note "down 10.201.0.13"'
settle
sample "start (10.201.0.13 dead)"
stop
sample "stopped with -I"

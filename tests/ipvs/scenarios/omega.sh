# omega + scripts: 10.201.0.13 is dead from the start (its notify_down runs then, not at stop);
# SIGTERM: what scripts run (omega VS and a VS without omega) and what is left in the table
rs_tcp 10.201.0.11 8080; rs_tcp 10.201.0.12 8080
start
wait_until 'rows 5 && note "down 10.201.0.13"'
settle
sample "start (10.201.0.13 dead)"
stop
sample stopped

# SIGHUP: (2) 10.201.0.11 weight 1 -> 5, 10.201.0.13 removed, 10.201.0.14 added (dead: it has no
# listener), (2 again) unchanged config, (3) wrr -> wlc and the second virtual server removed
for i in 11 12 13; do rs_tcp 10.201.0.$i 8080; done
start
wait_until 'rows 6'
settle
sample start
reload reload-2.conf
wait_until 'has "-r 10.201.0.11:8080 -m -w 5" && lacks "10.201.0.13" && lacks "10.201.0.14" && note "down 10.201.0.13" && note "down 10.201.0.14"'
settle 3
sample "reload-2: edit, remove, add (dead)"
reload reload-2.conf
settle 4
sample "reload-2 again: unchanged"
rs_tcp 10.201.0.14 8080
reload reload-3.conf
wait_until 'has "-s wlc" && lacks "10.201.14.2" && has "10.201.0.14" && note "up 10.201.0.14"'
settle 3
sample "reload-3: scheduler wlc, second VS removed, 10.201.0.14 listening"
stop
sample stopped

# seed 004's LVS-DR pair (../shared/corpus/seeds/seed004-24.conf, unchanged): two virtual servers
# with the same two HTTP_GET real servers; 10.16.8.8 answers, 10.16.8.9 never does
ip addr add 10.16.8.8/32 dev lo; ip addr add 10.16.8.9/32 dev lo
rs_http 10.16.8.8 80
start
wait_until 'rows 6'
sample start
wait_until 'lacks "10.16.8.9"'
settle
sample "10.16.8.9 failed its first check"
rs_http 10.16.8.9 80
wait_until 'rows 6'
settle
sample "10.16.8.9 answers"
stop
sample stopped
ip addr del 10.16.8.8/32 dev lo; ip addr del 10.16.8.9/32 dev lo

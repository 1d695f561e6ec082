# seed 003's configurations (../shared/corpus/seeds/seed003-{10,12,15,18}.conf, unchanged): three
# syntax templates ("virtual_server (@IP PORT)|(fwmark num)") and a NAT service inside a guide's
# prose (no-break spaces where the keywords' indentation should be): keepalived 2.2.7 makes no
# service of any of them, and keeps running; neither may ours make anything, or stop
for c in seed003-10 seed003-12 seed003-15 seed003-18; do
    start_with "$c.conf"
    settle 5
    wait_until 'kill -0 "$DPID" 2>/dev/null' 5   # still running (a timeout is recorded)
    sample "$c"
    stop
done
sample stopped

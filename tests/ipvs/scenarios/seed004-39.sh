# seed 004's SSL_GET with two digests (../shared/corpus/seeds/seed004-39.conf, unchanged): the
# real server is the virtual address itself and speaks no TLS, so it goes at its first check
ip addr add 172.16.28.65/32 dev lo
rs_http 172.16.28.65 80
start
wait_until 'rows 2'
sample start
wait_until 'rows 1'
settle
sample "the SSL_GET failed"
stop
sample stopped
ip addr del 172.16.28.65/32 dev lo

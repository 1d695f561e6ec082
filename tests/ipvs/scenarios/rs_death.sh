# real servers dying and returning: TCP_CHECK (retry 1, dbr 1) and HTTP_GET (retry 1, dbr 1),
# with notify_up / notify_down scripts
rs_tcp 10.201.0.11 8080; rs_tcp 10.201.0.12 8080
rs_http 10.201.0.21 80; rs_http 10.201.0.22 80
start
wait_until 'rows 6'
settle
sample start
rs_kill 10.201.0.11 8080; rs_kill 10.201.0.21 80
wait_until 'lacks "10.201.0.11" && lacks "10.201.0.21" && note "down tcp" && note "down http"'
settle
sample "10.201.0.11 and 10.201.0.21 killed"
rs_tcp 10.201.0.11 8080; rs_http 10.201.0.21 80
wait_until 'rows 6 && note "up tcp" && note "up http"'
settle
sample "both back"
stop
sample stopped

# HTTP_GET with a digest: the page of one server changes (down), then changes back (up)
http_body 10.201.0.21 80 "version 1"; http_body 10.201.0.22 80 "version 1"
rs_http 10.201.0.21 80; rs_http 10.201.0.22 80
start
wait_until 'rows 3'
settle
sample start
http_body 10.201.0.22 80 "version 2"
wait_until 'lacks "10.201.0.22"'
settle
sample "10.201.0.22 serves another page"
http_body 10.201.0.22 80 "version 1"
wait_until 'has "10.201.0.22"'
settle
sample "10.201.0.22 serves the page again"
stop
sample stopped

# MISC_CHECK with misc_dynamic (weight 3): exit codes 0, 2, 7, 1, 0; and a plain MISC_CHECK
# (exit 0 then 1)
misc_rc m11 0; misc_rc m12 0
start
wait_until 'rows 3'
settle 2.5
sample "start (exit 0)"
misc_rc m11 2
wait_until 'has "-r 10.201.0.11:8080 -m -w 0"'
settle
sample "exit 2"
misc_rc m11 7
wait_until 'has "-r 10.201.0.11:8080 -m -w 5"'
settle
sample "exit 7"
misc_rc m11 1; misc_rc m12 1
wait_until 'lacks "10.201.0.11" && lacks "10.201.0.12"'
settle
sample "exit 1 (both)"
misc_rc m11 0; misc_rc m12 0
wait_until 'has "10.201.0.11" && has "10.201.0.12"'
settle 2.5
sample "exit 0 again (both)"
stop
sample stopped

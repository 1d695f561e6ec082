#!/bin/sh
# notify_up / notify_down / quorum_up / quorum_down target: one line with its words per run
echo "$*" >> /tmp/ipvs/out/notify.log

# Keeps a follower alive on behalf of the collector, and kills it when the collector goes.
# Runs as: sh -c '<this script>' watchdog PID TIMEOUT, with the collector writing a heartbeat byte
# on stdin every second or so, and 'q' to stop. Each heartbeat becomes a SIGUSR1 to the follower;
# when stdin ends (the collector closed the connection or died), heartbeats stop for TIMEOUT
# seconds (where the shell's read can time out), or 'q' arrives, the follower's whole process
# group is killed.
pid=$1 timeout=$2
if (read -r -t 1 -n 1 hb </dev/null) 2>/dev/null || [ $? -eq 1 ]; then
  beat() { read -r -t "$timeout" -n 1 hb; }
else
  beat() { hb=$(dd bs=1 count=1 2>/dev/null; echo .); [ "$hb" != . ] && hb=${hb%.}; }
fi
while beat; do
  [ "$hb" = q ] && break
  kill -s USR1 "$pid" 2>/dev/null || exit 0
done
kill -s KILL -- "-$pid" 2>/dev/null
exit 0

# Follows one file inside a container and reports it to the collector as framed records on stdout.
# Runs as: sh -c '<this script>' follower PATH INODE OFFSET CHUNK POLL TIMEOUT
#   INODE/OFFSET: where the last run stopped (INODE 0: no checkpoint); CHUNK: max bytes per data
#   record; POLL: seconds between polls at end of file; TIMEOUT: seconds without a heartbeat byte
#   on stdin after which everything this script started is killed.
# Needs only POSIX sh (busybox ash is enough), stat, dd, sleep, ls and /proc.
# Records are one ASCII header line each; a data record's header is followed by exactly LEN bytes:
#   S VERSION PID          started
#   O INODE OFFSET         now reading the file with INODE from OFFSET
#   D LEN                  LEN bytes of the file follow, continuing at the current offset
#   X VALID                the previous D record holds only VALID real bytes: the file shrank while
#                          it was read, the rest is zero padding
#   T SIZE                 the file shrank below the offset (copytruncate); reading restarts at 0
#   R INODE                the old file was read to its end; the path now names file INODE
#   W TEXT                 a warning for the operator
#   M                      the path does not exist (the script ends)
#   E TEXT                 an error that ends the script
# A byte 'q' on stdin, stdin closing or heartbeats stopping end the script and all it started:
# nothing of it is left running inside the container.
path=$1 want=$2 off=$3 chunk=$4 poll=$5 timeout=$6
for t in stat dd sleep ls; do
  command -v "$t" >/dev/null 2>&1 || { printf 'E the container has no %s command\n' "$t"; exit 0; }
done
[ -r /proc/$$/fdinfo/0 ] || { printf 'E the container has no /proc\n'; exit 0; }
exec 4<&0 </dev/null
# The watchdog: read -t/-n (busybox, bash) also notice heartbeats that stop on an open
# connection; a plain POSIX sh (dash) reads a byte at a time with dd and notices end of input only.
if (read -r -t 1 -n 1 hb </dev/null) 2>/dev/null || [ $? -eq 1 ]; then
  beat() { read -r -t "$timeout" -n 1 hb <&4; }
else
  beat() { hb=$(dd bs=1 count=1 2>/dev/null <&4; echo .); [ "$hb" != . ] && hb=${hb%.}; }
fi
( while beat; do [ "$hb" = q ] && break; done; kill -s KILL 0 ) &
printf 'S 1 %s\n' $$
[ -e "$path" ] || { printf 'M\n'; exit 0; }
[ -d "$path" ] && { printf 'E %s is a directory\n' "$path"; exit 0; }
# A failed redirection of exec ends the shell, hence the test before each open.
[ -r "$path" ] || { printf 'E permission denied reading %s\n' "$path"; exit 0; }
exec 3<"$path"

inode() { set -- $(stat -L -c %i /proc/$$/fd/3 2>/dev/null); ino=${1:-0}; }
position() { pos=0; while read -r k v; do [ "$k" = pos: ] && pos=$v; done </proc/$$/fdinfo/3; }
inode
if [ "$want" != 0 ] && [ "$ino" != "$want" ]; then
  # Replaced while nobody followed it: finish the old file first if it is still in the directory.
  old=$(ls -i1 "${path%/*}/" 2>/dev/null | while read -r i n; do [ "$i" = "$want" ] && { printf '%s' "$n"; break; }; done)
  if [ -n "$old" ] && [ -r "${path%/*}/$old" ]; then
    exec 3<"${path%/*}/$old"
    inode
    [ "$ino" = "$want" ] || { exec 3<"$path"; inode; off=0; }
  else
    printf 'W %s was replaced while not followed and the old file (inode %s) is gone; lines written to it after offset %s are lost\n' "$path" "$want" "$off"
    off=0
  fi
fi
set -- $(stat -L -c %s /proc/$$/fd/3)
if [ "$1" -lt "$off" ]; then printf 'T %s\n' "$1"; off=0; fi
[ "$off" -gt 0 ] && dd bs=1 skip="$off" count=0 iflag=skip_bytes <&3 2>/dev/null
printf 'O %s %s\n' "$ino" "$off"
idle=0
while :; do
  set -- $(stat -L -c '%i %s' /proc/$$/fd/3 "$path" 2>/dev/null)
  size=$2 pino=${3:-none}
  [ -n "$size" ] || { printf 'E cannot stat the open file %s\n' "$path"; exit 0; }
  if [ "$size" -lt "$off" ]; then
    printf 'T %s\n' "$size"
    exec 3</proc/$$/fd/3
    off=0 idle=0
    printf 'O %s 0\n' "$ino"
  elif [ "$size" -gt "$off" ]; then
    len=$((size - off))
    [ "$len" -gt "$chunk" ] && len=$chunk
    printf 'D %s\n' "$len"
    dd bs="$len" count=1 conv=sync <&3 2>/dev/null
    position
    if [ "$pos" -lt $((off + len)) ]; then
      [ "$pos" -eq "$off" ] && dd if=/dev/zero bs="$len" count=1 2>/dev/null
      printf 'X %s\n' $((pos - off))
    fi
    off=$pos idle=0
  elif [ "$pino" != "$ino" ] && [ "$pino" != none ] && [ "$idle" -ge 2 ]; then
    # The path names a new file and the old one has stayed still for two polls: move on.
    [ -r "$path" ] || { printf 'E permission denied reading %s\n' "$path"; exit 0; }
    exec 3<"$path"
    inode
    off=0 idle=0
    printf 'R %s\nO %s 0\n' "$ino" "$ino"
  else
    idle=$((idle + 1))
    sleep "$poll"
  fi
done

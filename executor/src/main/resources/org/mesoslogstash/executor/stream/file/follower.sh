# Follows one file inside a container and reports it to the collector as framed records on stdout.
# Runs as: sh -c '<this script>' follower PATH INODE OFFSET CHUNK POLL QUIET
#   INODE/OFFSET: where the last run stopped (INODE 0: no checkpoint); CHUNK: max bytes per data
#   record; POLL: seconds between polls at end of file; QUIET: idle polls without a heartbeat
#   signal (SIGUSR1, sent by the collector's watchdog, see watchdog.sh) after which it exits.
# It has no stdin: an exec with stdin attached moves its output at half the speed. The watchdog
# exec carries the collector's heartbeats instead, and kills this script's process group when
# they stop or its connection goes; so nothing of the follower is left running in the container.
# Needs only POSIX sh (busybox ash or dash is enough), stat, dd, sleep, ls and /proc.
# Records are one ASCII header line each; a data record's header is followed by exactly LEN bytes:
#   S VERSION PID          started; PID is what the watchdog signals
#   O INODE OFFSET         now reading the file with INODE from OFFSET
#   D LEN                  LEN bytes of the file follow, continuing at the current offset
#   X VALID                the previous D record holds only VALID real bytes: the file shrank while
#                          it was read, the rest is zero padding
#   T SIZE                 the file shrank below the offset (copytruncate); reading restarts at 0
#   L SIZE                 the open file's size as just seen by stat; sent only when it changed,
#                          before the data it announces (for the lag, never for the offsets)
#   R INODE                the old file was read to its end; the path now names file INODE
#   W TEXT                 a warning for the operator
#   M                      the path does not exist (the script ends)
#   E TEXT                 an error that ends the script
path=$1 want=$2 off=$3 chunk=$4 poll=$5 quiet=$6
for t in stat dd sleep ls; do
  command -v "$t" >/dev/null 2>&1 || { printf 'E the container has no %s command\n' "$t"; exit 0; }
done
[ -r /proc/$$/fdinfo/0 ] || { printf 'E the container has no /proc\n'; exit 0; }
beats=0 seen=0 silent=0 told=-1
trap 'beats=$((beats + 1))' USR1
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
  # printf is a builtin: no fork, and one short line per change of size, not per chunk.
  [ "$size" = "$told" ] || { printf 'L %s\n' "$size"; told=$size; }
  if [ "$size" -lt "$off" ]; then
    printf 'T %s\n' "$size"
    exec 3</proc/$$/fd/3
    off=0 idle=0
    printf 'O %s 0\n' "$ino"
  elif [ "$size" -gt "$off" ]; then
    # Read up to the size just seen without asking stat again: one fork per chunk, not two.
    while [ "$size" -gt "$off" ]; do
      len=$((size - off))
      [ "$len" -gt "$chunk" ] && len=$chunk
      printf 'D %s\n' "$len"
      dd bs="$len" count=1 conv=sync <&3 2>/dev/null
      position
      if [ "$pos" -lt $((off + len)) ]; then
        [ "$pos" -eq "$off" ] && dd if=/dev/zero bs="$len" count=1 2>/dev/null
        printf 'X %s\n' $((pos - off))
        size=$pos
      fi
      off=$pos
    done
    idle=0
  elif [ "$pino" != "$ino" ] && [ "$pino" != none ] && [ "$idle" -ge 2 ]; then
    # The path names a new file and the old one has stayed still for two polls: move on.
    [ -r "$path" ] || { printf 'E permission denied reading %s\n' "$path"; exit 0; }
    exec 3<"$path"
    inode
    off=0 idle=0
    printf 'R %s\nO %s 0\n' "$ino" "$ino"
  else
    idle=$((idle + 1))
    if [ "$beats" = "$seen" ]; then
      silent=$((silent + 1))
      [ "$silent" -gt "$quiet" ] && exit 0
    else
      seen=$beats silent=0
    fi
    sleep "$poll"
  fi
done

#!/usr/bin/env bash
# Builds the image the tests run their containers from, without any registry: a root file system
# holding only Debian's static busybox, imported into the local Docker daemon.
# Usage: build-busybox.sh [image-name]   (default mesos-logstash-test/busybox:latest)
set -euo pipefail
image=${1:-mesos-logstash-test/busybox:latest}
# Debian's busybox-static puts a statically linked busybox here; a dynamic one would not run in
# an image that has no libc.
busybox=/bin/busybox
[[ -x "$busybox" ]] || { echo "build-busybox.sh: $busybox not found; install Debian's busybox-static" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,tmp,var/log,proc,dev,etc,sys}
chmod 1777 "$root/tmp"
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list); do
  [[ -e "$root/bin/$applet" ]] || ln -s busybox "$root/bin/$applet"
done
echo 'root:x:0:0:root:/:/bin/sh' > "$root/etc/passwd"
echo 'nobody:x:65534:65534:nobody:/:/bin/false' >> "$root/etc/passwd"
tar -C "$root" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$image" >/dev/null
echo "built $image"

#!/usr/bin/env bash
# Builds, without any registry, the two base images the tests build the product images from:
#
#   mesos-logstash-test/jre:latest       stands in for eclipse-temurin:21-jre (the scheduler's base):
#                                        a Java runtime at /opt/java/openjdk, java on the PATH.
#   mesos-logstash-test/logstash:latest  stands in for the official Logstash image (the executor's base):
#                                        the same runtime at /usr/share/logstash/jdk, as Logstash bundles
#                                        its JDK, and a /usr/share/logstash/bin/logstash that runs the
#                                        executor tests' StandInLogstash (Logstash's CLI and monitoring
#                                        API), plus a static busybox for its shell script.
#
# The runtime is a jlink image of this machine's JDK with the shared libraries ldd says it needs;
# each image is a root file system imported with `docker import`. An image is rebuilt only when its
# content key changes (this script, the JDK release, the stand-in's source), kept as a label.
# Usage: build-java-bases.sh        Environment: MESOS_LOGSTASH_TEST_JDK (default: bin/find-jdk's JDK)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
jdk=${MESOS_LOGSTASH_TEST_JDK:-$("$repo/bin/find-jdk")}
standin="$repo/executor/src/test/java/org/mesoslogstash/executor/logstash/StandInLogstash.java"
jre_image=mesos-logstash-test/jre:latest
logstash_image=mesos-logstash-test/logstash:latest
label=org.mesoslogstash.test.content-key
# What the scheduler (Spring Boot, Curator) and the executor (HTTP clients, jdk.httpserver in the
# stand-in, sun.misc.Signal) use; java.se covers the standard modules.
modules=java.se,jdk.httpserver,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.security.jgss,jdk.zipfs,jdk.localedata,jdk.charsets,jdk.jfr

log() { printf 'build-java-bases.sh: %s\n' "$*"; }
[[ -x "$jdk/bin/jlink" ]] || { echo "build-java-bases.sh: no jlink in $jdk; set MESOS_LOGSTASH_TEST_JDK to a JDK" >&2; exit 1; }
[[ -x /bin/busybox ]] || { echo "build-java-bases.sh: /bin/busybox not found; install Debian's busybox-static" >&2; exit 1; }

key=$(cat "$0" "$jdk/release" "$standin" <(echo "$modules") | sha256sum | cut -c1-16)
current() { docker image inspect -f "{{index .Config.Labels \"$label\"}}" "$1" 2>/dev/null || true; }
if [[ "$(current "$jre_image")" == "$key" && "$(current "$logstash_image")" == "$key" ]]; then
  log "$jre_image and $logstash_image are up to date ($key)"
  exit 0
fi

# The images the tags name now; removed below once nothing names or builds on them any more.
previous=$(docker image inspect -f '{{.Id}}' "$jre_image" "$logstash_image" 2>/dev/null || true)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runtime="$work/runtime"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --output "$runtime"

# A root file system with the runtime at $2 (inside the image) and the libraries it links against.
make_root() {
  local root=$1 java_home=$2
  mkdir -p "$root"/{tmp,etc,proc,sys,dev,root} "$root$(dirname "$java_home")"
  chmod 1777 "$root/tmp"
  cp -a "$runtime" "$root$java_home"
  printf 'root:x:0:0:root:/root:/bin/sh\nlogstash:x:1000:1000:logstash:/usr/share/logstash:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$root/etc/passwd"
  printf 'root:x:0:\nlogstash:x:1000:\nnogroup:x:65534:\n' > "$root/etc/group"
  # Every library the launcher, libjvm and the JDK's own libraries need, and the dynamic loader.
  find "$runtime" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} + 2>/dev/null \
    | grep -oE '(/[^ ]+\.so[^ ]*)' | sort -u | while read -r lib; do
      [[ "$lib" == "$runtime"* ]] && continue
      cp -L --parents "$lib" "$root/"
    done
}

jre_root="$work/jre"
make_root "$jre_root" /opt/java/openjdk
tar -C "$jre_root" -c . | docker import -c 'ENV JAVA_HOME=/opt/java/openjdk' -c 'ENV PATH=/opt/java/openjdk/bin:/usr/bin:/bin' \
  -c "LABEL $label=$key" - "$jre_image" >/dev/null
log "built $jre_image ($key)"

ls_root="$work/logstash"
make_root "$ls_root" /usr/share/logstash/jdk
mkdir -p "$ls_root"/{bin,usr/share/logstash/bin,usr/share/logstash/config,usr/share/logstash/data,usr/share/logstash/standin}
cp /bin/busybox "$ls_root/bin/busybox"
for applet in sh ls cat ps kill sleep env; do ln -s busybox "$ls_root/bin/$applet"; done
# (javac warns about sun.misc.Signal, which the stand-in uses as Logstash traps SIGHUP; shown only on failure.)
"$jdk/bin/javac" --release 21 -d "$ls_root/usr/share/logstash/standin" "$standin" >"$work/javac.log" 2>&1 \
  || { cat "$work/javac.log" >&2; echo "build-java-bases.sh: StandInLogstash did not compile" >&2; exit 1; }
# As Logstash's bin/logstash execs its bundled JDK, so that signals reach the JVM.
cat > "$ls_root/usr/share/logstash/bin/logstash" <<'EOF'
#!/bin/sh
# A stand-in for Logstash's bin/logstash (mesos-logstash test image): Logstash's CLI and monitoring API
# imitated by the executor tests' StandInLogstash, on the bundled JDK.
exec /usr/share/logstash/jdk/bin/java $LS_JAVA_OPTS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  -cp /usr/share/logstash/standin org.mesoslogstash.executor.logstash.StandInLogstash "$@"
EOF
chmod 755 "$ls_root/usr/share/logstash/bin/logstash"
printf -- '-Xss2m\n-Djava.awt.headless=true\n' > "$ls_root/usr/share/logstash/config/jvm.options"
printf 'status = error\nname = LogstashPropertiesConfig\n' > "$ls_root/usr/share/logstash/config/log4j2.properties"
chown -R 1000:1000 "$ls_root/usr/share/logstash/data"
# As the official image: user logstash, in Logstash's home.
tar -C "$ls_root" -c . | docker import -c 'ENV PATH=/usr/share/logstash/bin:/bin' -c 'WORKDIR /usr/share/logstash' -c 'USER 1000' \
  -c 'CMD ["/usr/share/logstash/bin/logstash"]' -c "LABEL $label=$key" - "$logstash_image" >/dev/null
log "built $logstash_image ($key)"
for old in $previous; do
  if [[ "$(docker image inspect -f '{{len .RepoTags}}' "$old" 2>/dev/null || echo 1)" == 0 ]]; then
    docker rmi "$old" >/dev/null 2>&1 || true # kept while an image built from it still exists
  fi
done

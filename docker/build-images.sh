#!/usr/bin/env bash
# Builds the two mesos-logstash images from the jars in scheduler/target and executor/target
# (building them first if they are missing):
#
#   mesos-logstash/scheduler:<tag>  and :latest   (docker/scheduler/Dockerfile)
#   mesos-logstash/executor:<tag>   and :latest   (docker/executor/Dockerfile)
#
# Usage: docker/build-images.sh [--tag TAG] [--jre-image IMAGE] [--logstash-image IMAGE] [--no-latest] [--test-bases]
#   --tag TAG               image tag (default: the project version from pom.xml; env MESOS_LOGSTASH_IMAGE_TAG)
#   --jre-image IMAGE       the scheduler's base (default: the Dockerfile's, eclipse-temurin:21-jre; env JRE_IMAGE)
#   --logstash-image IMAGE  the executor's base (default: the Dockerfile's official Logstash image; env LOGSTASH_IMAGE)
#   --no-latest             do not also tag :latest
#   --test-bases            build from the local test bases (docker/test-images/build-java-bases.sh builds them
#                           if needed): mesos-logstash-test/jre:latest and mesos-logstash-test/logstash:latest;
#                           what the tests do, where no registry is reachable
# Each build context holds only the Dockerfile and what it copies, so builds send little to the daemon.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$repo"

tag=${MESOS_LOGSTASH_IMAGE_TAG:-}
jre_image=${JRE_IMAGE:-}
logstash_image=${LOGSTASH_IMAGE:-}
latest=true
usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }
while (($#)); do
  case "$1" in
    --tag) tag=${2:?--tag needs a value}; shift 2 ;;
    --jre-image) jre_image=${2:?--jre-image needs a value}; shift 2 ;;
    --logstash-image) logstash_image=${2:?--logstash-image needs a value}; shift 2 ;;
    --no-latest) latest=false; shift ;;
    --test-bases)
      "$here/test-images/build-java-bases.sh"
      jre_image=mesos-logstash-test/jre:latest logstash_image=mesos-logstash-test/logstash:latest; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build-images.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

log() { printf 'build-images.sh: %s\n' "$*"; }

version=$(sed -n '0,/<version>/s/.*<version>\(.*\)<\/version>.*/\1/p' pom.xml)
[[ -n "$version" ]] || { echo "build-images.sh: no <version> in pom.xml" >&2; exit 1; }
tag=${tag:-$version}

find_jar() { find "$1" -maxdepth 1 -name "$2" ! -name '*-sources.jar' ! -name '*-tests.jar' ! -name "${3:-none}" 2>/dev/null | head -n 1; }
scheduler_jar=$(find_jar scheduler/target "mesos-logstash-scheduler-$version-exec.jar")
executor_jar=$(find_jar executor/target "mesos-logstash-executor-$version.jar")
if [[ -z "$scheduler_jar" || -z "$executor_jar" || ! -d executor/target/lib ]]; then
  log "jars missing; building them (bin/mvn -q -o -pl scheduler,executor -am package -DskipTests)"
  bin/mvn -q -o -pl scheduler,executor -am package -DskipTests
  scheduler_jar=$(find_jar scheduler/target "mesos-logstash-scheduler-$version-exec.jar")
  executor_jar=$(find_jar executor/target "mesos-logstash-executor-$version.jar")
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# build <name> <dockerfile dir> <base arg name> <base image or empty> <context files...>
build() {
  local name=$1 dir=$2 base_arg=$3 base=$4; shift 4
  local context="$work/$name"
  mkdir -p "$context"
  cp "$dir/Dockerfile" "$context/"
  cp -r "$@" "$context/"
  local args=(--build-arg "VERSION=$version" -t "mesos-logstash/$name:$tag")
  [[ -n "$base" ]] && args+=(--build-arg "$base_arg=$base")
  [[ "$latest" == true && "$tag" != latest ]] && args+=(-t "mesos-logstash/$name:latest")
  local previous
  previous=$(docker image inspect -f '{{.Id}}' "mesos-logstash/$name:$tag" 2>/dev/null || true)
  local started=$SECONDS
  # The legacy builder: it needs nothing but the daemon (BuildKit may want to resolve images remotely).
  DOCKER_BUILDKIT=0 docker build -q "${args[@]}" "$context" >"$work/$name.log" 2>&1 \
    || { cat "$work/$name.log" >&2; echo "build-images.sh: building mesos-logstash/$name failed" >&2; exit 1; }
  log "built mesos-logstash/$name:$tag${base:+ from $base} in $((SECONDS - started)) s"
  remove_if_untagged "$previous"
}

# The image a tag named before this build, if no tag names it any more (new jars make a new image
# each build): removed, so that repeated builds do not fill the disk. In use (a container runs it): kept.
remove_if_untagged() {
  [[ -n "$1" ]] || return 0
  [[ "$(docker image inspect -f '{{len .RepoTags}}' "$1" 2>/dev/null || echo 1)" == 0 ]] || return 0
  docker rmi "$1" >/dev/null 2>&1 || true
}

cp "$scheduler_jar" "$work/scheduler.jar"
build scheduler docker/scheduler JRE_IMAGE "$jre_image" "$work/scheduler.jar" docker/scheduler/collector.json
cp "$executor_jar" "$work/executor.jar"
build executor docker/executor LOGSTASH_IMAGE "$logstash_image" "$work/executor.jar" executor/target/lib

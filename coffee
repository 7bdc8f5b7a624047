#!/usr/bin/env bash
# coffee: runs the Coffee Order System from this checkout.
# Finds a JDK 21+ (scripts/jdk.sh), builds the jar on first use or when the sources changed,
# then runs it with the given arguments:  ./coffee serve   ./coffee order --drink latte
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/jdk.sh
. "$ROOT/scripts/jdk.sh"
coffee_find_jdk

JAR="$ROOT/bootstrap/target/coffee.jar"

# what goes into the jar: the modules' main sources and resources, and the poms
sources_changed() {
    [ -n "$(find "$ROOT"/pom.xml "$ROOT"/domain "$ROOT"/application "$ROOT"/adapters-* "$ROOT"/bootstrap \
        \( -name target -o -name node_modules \) -prune -o \
        \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$JAR" -print -quit)" ]
}

if [ ! -f "$JAR" ] || sources_changed; then
    echo "coffee: building with JDK $(coffee_java_major "$JAVA_HOME") (first run takes a minute or two: Maven downloads dependencies) ..." >&2
    started=$(date +%s)
    if ! (cd "$ROOT" && ./mvnw -q -B -DskipTests package) >&2; then
        echo "coffee: the build failed; see above" >&2
        exit 1
    fi
    echo "coffee: built in $(( $(date +%s) - started )) s" >&2
fi

# The JVM options of the command (heap, GC, class data sharing): scripts/jvm.sh says why.
# shellcheck source=scripts/jvm.sh
. "$ROOT/scripts/jvm.sh"
command_name=""
for argument in "$@"; do
    case "$argument" in
        -*) ;;
        *) command_name=$argument; break ;;
    esac
done
CDS_DIR="$ROOT/bootstrap/target/cds"
mkdir -p "$CDS_DIR" 2>/dev/null || CDS_DIR=""
# the build: names, sizes and times of the jars on the class path
CDS_KEY=$(cd "$ROOT/bootstrap/target" && stat -c '%n %s %Y' coffee.jar lib/*.jar | cksum | cut -d' ' -f1)
coffee_jvm_options "$command_name" "$(coffee_java_major "$JAVA_HOME")" "$CDS_DIR" "$CDS_KEY"
# glibc gives each thread that allocates its own malloc arena (64 MiB of address space, and
# resident pages that are seldom given back); RocksDB and Kafka's threads allocate natively, so
# two arenas keep the roles' RSS down (docs/performance.md, Memory)
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options on purpose; last ones win
exec "$JAVA_HOME/bin/java" "${COFFEE_JVM_OPTIONS[@]}" ${JAVA_OPTS:-} -jar "$JAR" "$@"

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

sources_changed() {
    [ -n "$(find "$ROOT" \( -name .git -o -name target -o -name .coffee -o -name node_modules \) -prune -o \
        \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) -newer "$JAR" -print -quit)" ]
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

jvm_options=(-XX:+ExitOnOutOfMemoryError)
if [ "$(coffee_java_major "$JAVA_HOME")" -ge 23 ]; then
    # Kafka's buffer unmapper uses sun.misc.Unsafe; JDK 23+ warns about it unless allowed
    jvm_options+=(--sun-misc-unsafe-memory-access=allow)
fi
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options on purpose
exec "$JAVA_HOME/bin/java" "${jvm_options[@]}" ${JAVA_OPTS:-} -jar "$JAR" "$@"

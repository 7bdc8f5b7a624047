# Finds a JDK 21 or newer and exports JAVA_HOME. Sourced (POSIX sh) by ./mvnw, ./coffee,
# .ci/run and bench/run, so a machine whose default java is older still builds and runs.
# Order: JAVA_HOME if it is 21+; else the newest 21+ JDK in the system JVM directories;
# else the java on the PATH if it is 21+. Fails with a message saying what to install.

# The major version of the JDK at $1 (21, 25, ...), from its release file when it has one.
coffee_java_major() {
    if [ -f "$1/release" ]; then
        coffee_v=$(sed -n 's/^JAVA_VERSION="\([0-9._]*\).*/\1/p' "$1/release")
    else
        coffee_v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
            sed -n 's/^ *java\.specification\.version = //p')
    fi
    coffee_v=${coffee_v#1.}
    echo "${coffee_v%%[._]*}"
}

coffee_is_jdk21() {
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
    coffee_m=$(coffee_java_major "$1")
    [ -n "$coffee_m" ] && [ "$coffee_m" -ge 21 ] 2>/dev/null
}

coffee_find_jdk() {
    if [ -n "${JAVA_HOME:-}" ] && coffee_is_jdk21 "$JAVA_HOME"; then
        export JAVA_HOME
        return 0
    fi
    coffee_best=""
    coffee_best_major=0
    for coffee_dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        if coffee_is_jdk21 "$coffee_dir" && [ "$coffee_m" -gt "$coffee_best_major" ]; then
            coffee_best=$coffee_dir
            coffee_best_major=$coffee_m
        fi
    done
    if [ -z "$coffee_best" ] && command -v java >/dev/null 2>&1; then
        coffee_java=$(readlink -f "$(command -v java)" 2>/dev/null || command -v java)
        coffee_home=$(dirname "$(dirname "$coffee_java")")
        if coffee_is_jdk21 "$coffee_home"; then
            coffee_best=$coffee_home
        fi
    fi
    if [ -z "$coffee_best" ]; then
        echo "coffee needs a JDK 21 or newer, and found none (JAVA_HOME=${JAVA_HOME:-unset}," \
            "/usr/lib/jvm, PATH). Install one (e.g. 'apt install openjdk-21-jdk') or point JAVA_HOME at it." >&2
        return 1
    fi
    JAVA_HOME=$coffee_best
    export JAVA_HOME
}

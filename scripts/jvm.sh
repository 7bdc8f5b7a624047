# The JVM options each `coffee` command starts with. Sourced (bash) by the `coffee` launcher and
# by bench/run, so the benchmarks measure what users run. JAVA_OPTS comes after these on the
# command line, so any of them can be overridden (the last -Xmx wins).
#
# Why these (measured with bench/run on 2 cores; docs/performance.md):
# - Parallel GC: on 2 cores it gave the producer half again the throughput of G1 (42,700 against
#   27,500 orders/s in one session) and shorter pauses than Serial. G1 keeps a smaller heap.
# - A small bounded heap per role, instead of a quarter of the machine's memory: neither role
#   holds history in its heap (the producer's view is in RocksDB, off-heap, bounded by
#   VIEW_MEMORY_MB; a consumer remembers CONSUMER_REMEMBERED_ORDERS recent orders), so what
#   lives there is requests in flight and Kafka's buffers (16 MiB for the producer client). A
#   producer gets 256 MiB: each open connection costs it about
#   30 KB of heap (buffers and a virtual thread's stack), and 160 MiB ran out at ~3,000
#   connections from an overloading client. The broker's data lives in files.
# - Class data sharing (server roles, load): the classes loaded at start-up are archived at the first
#   exit (bootstrap/target/cds, one per build) and mapped at the next start, which
#   takes about a third off the time to the first 201.
#
# coffee_jvm_options COMMAND JDK_MAJOR [CDS_DIR CDS_KEY]  sets the array COFFEE_JVM_OPTIONS
# (CDS_KEY names the build the archive belongs to; without CDS_DIR, no archive)

coffee_jvm_options() {
    local command=$1 major=$2 cds_dir=${3:-} cds_key=${4:-}
    COFFEE_JVM_OPTIONS=(-XX:+ExitOnOutOfMemoryError)
    if [ "$major" -ge 22 ]; then
        # lz4-java (Kafka's lz4 compression, "compression.type":"lz4") loads a native library;
        # JDK 24+ prints four lines about that restricted method unless native access is allowed.
        # Added from JDK 22 on, where restricted methods are a final feature; 21 warns about nothing.
        COFFEE_JVM_OPTIONS+=(--enable-native-access=ALL-UNNAMED)
    fi
    if [ "$major" -ge 23 ]; then
        # Kafka's buffer unmapper uses sun.misc.Unsafe; JDK 23+ warns about it unless allowed
        COFFEE_JVM_OPTIONS+=(--sun-misc-unsafe-memory-access=allow)
    fi
    case "$command" in
        serve-producer) COFFEE_JVM_OPTIONS+=(-XX:+UseParallelGC -Xms64m -Xmx256m) ;;
        serve-consumer) COFFEE_JVM_OPTIONS+=(-XX:+UseParallelGC -Xms32m -Xmx128m) ;;
        broker) COFFEE_JVM_OPTIONS+=(-XX:+UseParallelGC -Xms128m -Xmx1g) ;;
        serve) COFFEE_JVM_OPTIONS+=(-XX:+UseParallelGC -Xms128m -Xmx1g) ;;
        load) COFFEE_JVM_OPTIONS+=(-XX:+UseParallelGC -Xmx512m) ;;
        *)
            # one-shot commands (order, status, orders, --help): start fast, run briefly
            COFFEE_JVM_OPTIONS+=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m)
            coffee_drop_gc_if_chosen
            return 0
            ;;
    esac
    coffee_drop_gc_if_chosen
    if [ -n "$cds_dir" ]; then
        # An archive per command, JDK and build, written at the first exit when missing. The
        # build is in the name because JDK 25 neither uses nor rewrites an archive whose jars
        # changed (AutoCreateSharedArchive notwithstanding); archives of older builds go.
        local archive="$cds_dir/$command-jdk$major-$cds_key.jsa" old
        local aot_cache="$cds_dir/$command-jdk$major-$cds_key.aot"
        for old in "$cds_dir/$command-jdk$major-"*.jsa "$cds_dir/$command-jdk$major-"*.aot; do
            [ "$old" = "$archive" ] || [ "$old" = "$aot_cache" ] || rm -f "$old"
        done
        # JDK 25+: an ahead-of-time cache (JEP 483, 514, 515) holds the classes loaded and linked
        # and the methods' profiles of a training run, so the JIT compiles the hot path within
        # seconds of start instead of a minute of load. It is trained on purpose
        # (COFFEE_AOT_TRAIN=1, under load, then stop: the cache is written at exit, ~15 s), as
        # the profiles must come from real work; once there, every start uses it.
        if [ "$major" -ge 25 ] && [ -f "$aot_cache" ]; then
            COFFEE_JVM_OPTIONS+=(-XX:AOTCache="$aot_cache" -Xlog:aot*=off)
        elif [ "$major" -ge 25 ] && [ "${COFFEE_AOT_TRAIN:-}" = 1 ]; then
            COFFEE_JVM_OPTIONS+=(-XX:AOTCacheOutput="$aot_cache" -Xlog:aot*=off)
        else
            # -Xlog keeps the dump's notes about classes it skips out of the role's output
            COFFEE_JVM_OPTIONS+=(-XX:SharedArchiveFile="$archive" -XX:+AutoCreateSharedArchive
                -Xlog:cds=off -Xlog:cds+dynamic=off)
        fi
    fi
}

# A collector chosen in JAVA_OPTS replaces ours: the JVM refuses two (-Xmx and the like simply
# override, the last one wins).
coffee_drop_gc_if_chosen() {
    case " ${JAVA_OPTS:-} " in
        *" -XX:+Use"*"GC "*)
            local kept=() option
            for option in "${COFFEE_JVM_OPTIONS[@]}"; do
                case "$option" in
                    -XX:+Use*GC) ;;
                    *) kept+=("$option") ;;
                esac
            done
            COFFEE_JVM_OPTIONS=("${kept[@]}")
            ;;
    esac
}

# bench/streams.sh: the event-stream scenario of bench/run (`bench/run --streams`), sourced by
# bench/run after its set-up; uses its functions (start, stop, say, load_cpu, ...).
#
# On a broker of its own, one producer and one consumer (BREW_TIME_MS=0), measures what issue
# #12 asks, with EventStreamLoad holding the subscribers (one thread, a selector):
#   - POST /order with 1,000 idle subscribers (a board filter nobody matches) against none,
#     interleaved: orders/s and the producer's CPU per order;
#   - the delay from a status change (the order's updated_at) to its event at a subscriber,
#     1,000 subscribers on /orders/events while ~1,000 changes a second are made (333 orders/s,
#     three changes each);
#   - 10,000 subscribers asked for at once, against the default EVENTS_MAX_SUBSCRIBERS (2,000):
#     how many opened and how many were refused (503), and the producer's RSS before and after.
# The change-to-event figure comes first, right after the warm-up: with subscribers connected the
# follower decodes every change and tests it against each subscriber's filter, and after the
# POST phases (thousands of orders a second) it is still working through that backlog.

STREAMS_PRODUCER_PORT=15000
STREAMS_BROKER_PORT=19095
STREAMS_SECONDS=$(( SMOKE_SECONDS > 0 ? SMOKE_SECONDS : DURATION ))
IDLE_SUBSCRIBERS=$($SMOKE && echo 10 || echo 1000)
BUSY_SUBSCRIBERS=$($SMOKE && echo 10 || echo 1000)
HELD_SUBSCRIBERS=$($SMOKE && echo 100 || echo 10000)

# sfact FIGURE VALUE: one measured number of the stream scenario
sfact() {
    printf '%s\t%s\n' "$1" "$2" >>"$DATA/streams.tsv"
}

# subscribers NAME PATH COUNT SECONDS: EventStreamLoad in the background; its JSON line goes to NAME.json
subscribers() {
    local name=$1 path=$2 count=$3 seconds=$4
    start "$name" -- "$JAVA" -Xmx512m -XX:+UseParallelGC -cp "$BENCH_CLASSPATH" coffee.bootstrap.bench.EventStreamLoad \
        "http://127.0.0.1:$STREAMS_PRODUCER_PORT" "$path" "$count" "$seconds"
}

# await_opened NAME COUNT SECONDS [soft]: until the tool's progress line says COUNT streams opened;
# past SECONDS a failure, or with soft just a note (the figure then says how many opened)
await_opened() {
    local name=$1 count=$2 deadline=$(( $(date +%s) + $3 )) soft=${4:-}
    until grep -q "streams: $count opened" "$WORK/logs/$name.log" 2>/dev/null; do
        kill -0 "${PIDS[$name]}" 2>/dev/null || fail "$name exited before $count streams opened (see logs/$name.log)"
        if [ "$(date +%s)" -ge "$deadline" ]; then
            [ -n "$soft" ] || fail "$name did not open $count streams within $3 s (see logs/$name.log)"
            say "  $name: not all $count streams open after $3 s: $(grep 'streams:' "$WORK/logs/$name.log" | tail -1)"
            return 0
        fi
        sleep 0.2
    done
}

# finish_subscribers NAME: waits for the tool to end and keeps its JSON line
finish_subscribers() {
    wait "${PIDS[$1]}" 2>/dev/null || true
    unset "PIDS[$1]"
    grep '^{' "$WORK/logs/$1.log" | tail -1 >"$DATA/$1.json" || fail "$1 printed no result (see logs/$1.log)"
    say "  $1: $(cat "$DATA/$1.json")"
}

say "event-stream scenario: $IDLE_SUBSCRIBERS idle subscribers, $BUSY_SUBSCRIBERS busy, $HELD_SUBSCRIBERS held"
port_is_free "$STREAMS_BROKER_PORT" || fail "port $STREAMS_BROKER_PORT is in use"
port_is_free "$STREAMS_PRODUCER_PORT" || fail "port $STREAMS_PRODUCER_PORT is in use"
rm -rf "$WORK/streams-kafka"
start broker BROKER_PORT=$STREAMS_BROKER_PORT BROKER_DATA_DIR="$WORK/streams-kafka" -- ./coffee broker
wait_for_log broker "Kafka broker ready" 60
STREAMS_ENV=(KAFKA_BROKERS="127.0.0.1:$STREAMS_BROKER_PORT" KAFKA_TOPIC=streams_orders
    KAFKA_STATUS_TOPIC=streams_status KAFKA_DLQ_TOPIC=streams_dlq)
start producer "${STREAMS_ENV[@]}" SERVER_PORT=$STREAMS_PRODUCER_PORT -- ./coffee serve-producer
start consumer "${STREAMS_ENV[@]}" BREW_TIME_MS=0 MANAGEMENT_PORT="${MANAGEMENT_PORTS[0]}" -- ./coffee serve-consumer
wait_for_log producer "producer ready" 90
wait_for_http "http://127.0.0.1:${MANAGEMENT_PORTS[0]}/observe/health/ready" 90
STREAMS_PRODUCER="http://127.0.0.1:$STREAMS_PRODUCER_PORT"
load streams-warmup --url "$STREAMS_PRODUCER" --connections 256 --duration "${WARMUP}s"

sleep $(( SMOKE_SECONDS > 0 ? 1 : 10 )) # the follower catches up with the warm-up
say "change to event: $BUSY_SUBSCRIBERS subscribers on /orders/events, ~1,000 changes a second"
subscribers busy /orders/events "$BUSY_SUBSCRIBERS" $(( STREAMS_SECONDS + 30 ))
await_opened busy "$BUSY_SUBSCRIBERS" 60
busy_cpu_before=$(cpu_ticks "$(pid_of producer)")
load streams-changes --url "$STREAMS_PRODUCER" --connections 32 --rate 333 --duration "${STREAMS_SECONDS}s"
sfact busy_producer_cpu_s "$(( ($(cpu_ticks "$(pid_of producer)") - busy_cpu_before) / CLOCK_TICKS ))"
kill -TERM "${PIDS[busy]}" 2>/dev/null
finish_subscribers busy
for figure in opened events p50_ms p99_ms max_ms; do
    sfact "busy_$figure" "$(sed -n "s/.*\"$figure\":\([0-9.]*\).*/\1/p" "$DATA/busy.json")"
done

say "POST /order with $IDLE_SUBSCRIBERS idle subscribers against none, interleaved"
for run in $(seq 1 "$RUNS"); do
    load_cpu "post-none-r$run" producer --url "$STREAMS_PRODUCER" --connections 256 --duration "${STREAMS_SECONDS}s"
    subscribers "idle-r$run" "/orders/events?customer=Nobody%20At%20All" "$IDLE_SUBSCRIBERS" $(( STREAMS_SECONDS + 60 ))
    await_opened "idle-r$run" "$IDLE_SUBSCRIBERS" 60
    load_cpu "post-idle-r$run" producer --url "$STREAMS_PRODUCER" --connections 256 --duration "${STREAMS_SECONDS}s"
    kill -TERM "${PIDS[idle-r$run]}" 2>/dev/null
    finish_subscribers "idle-r$run"
done
none=$(median_of "$DATA"/post-none-r*.json)
idle=$(median_of "$DATA"/post-idle-r*.json)
sfact post_none_orders_per_s "$none"
sfact post_idle_orders_per_s "$idle"
sfact post_idle_ratio "$(awk -v a="$idle" -v b="$none" 'BEGIN { printf "%.2f", a / b }')"
sfact post_none_cpu_us "$(awk -F'\t' '$1 ~ /^post-none-/ { print $2 }' "$DATA/cpu.tsv" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
sfact post_idle_cpu_us "$(awk -F'\t' '$1 ~ /^post-idle-/ { print $2 }' "$DATA/cpu.tsv" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
say "  POST /order: $none orders/s with none, $idle with $IDLE_SUBSCRIBERS idle subscribers"

HELD_OPEN=$(( HELD_SUBSCRIBERS < 2000 ? HELD_SUBSCRIBERS : 2000 )) # EVENTS_MAX_SUBSCRIBERS' default
say "$HELD_SUBSCRIBERS subscribers asked for at once; $HELD_OPEN may open"
rss_before=$(rss_mb "$(pid_of producer)")
subscribers held /orders/events "$HELD_SUBSCRIBERS" 120
await_opened held "$HELD_OPEN" 100 soft
sleep 5
rss_after=$(rss_mb "$(pid_of producer)")
load streams-held --url "$STREAMS_PRODUCER" --connections 32 --rate 100 --duration "${STREAMS_SECONDS}s"
kill -TERM "${PIDS[held]}" 2>/dev/null
finish_subscribers held
sfact held_opened "$(sed -n 's/.*"opened":\([0-9]*\).*/\1/p' "$DATA/held.json")"
sfact held_refused "$(sed -n 's/.*"refused":\([0-9]*\).*/\1/p' "$DATA/held.json")"
kill -0 "$(pid_of producer)" 2>/dev/null || fail "the producer died while subscribers were held (see logs/producer.log)"
sfact held_rss_before_mb "$rss_before"
sfact held_rss_after_mb "$rss_after"
sfact held_p99_ms "$(sed -n 's/.*"p99_ms":\([0-9.]*\).*/\1/p' "$DATA/held.json")"
say "  producer RSS $rss_before MB before, $rss_after MB with the subscribers held"

stop consumer
stop producer
stop broker

if $SMOKE; then
    REPORT="$WORK/streams.md"
else
    mkdir -p bench/results
    REPORT="bench/results/$(date -u +%Y-%m-%d)-streams.md"
fi
{
    echo "# Event streams, $(date -u +%Y-%m-%d) ($(git rev-parse --short HEAD 2>/dev/null || echo unknown))"
    echo
    echo "bench/run --streams: one producer, one consumer (BREW_TIME_MS=0), one broker; subscribers held by"
    echo "EventStreamLoad (one thread, a selector) on the same $(nproc) cores. Calibration: a system call"
    echo "${SYSCALL_NS} ns, a fixed CPU loop ${CPU_LOOP_MS} ms."
    echo
    echo "| figure | value |"
    echo "| --- | ---: |"
    awk -F'\t' '{ printf "| %s | %s |\n", $1, $2 }' "$DATA/streams.tsv"
} >"$REPORT"
say "done in $(( $(date +%s) - STARTED )) s: $REPORT"

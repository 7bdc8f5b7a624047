# bench/history.sh: the history scenario of bench/run (`bench/run --history N[,N...]`), sourced
# by bench/run after its set-up; uses its functions (start, stop, say, fact, ...).
#
# For each history size H (0 stands for 1,000 orders, enough to read), on a broker of its own:
# fills the topics with H finished orders (FillHistory: as producers and consumers write them,
# the consumer group committed past them), then measures what issue #10 asks:
#   - the producer's first start on that history (its view built from the topics),
#   - a restart with its state directory: first 201, ready for reads, RSS when idle,
#   - a start with an empty state directory: the restore rate,
#   - GET /order/{id} and GET /health p99 at 1,000 reads/s, GET /orders?customer=...&limit=50,
#   - a consumer's start to its first new order completed, and its RSS,
#   - through a second producer that holds none of the view: GET /order/{id} p99, forwarded,
#     while it warms its copies up and once it is idle,
#   - at the largest history, the producer's RSS after 2 minutes of full load.
# With --baseline DIR (a checkout of another build, built), the same start-up figures of that
# build on the same topics, and POST /order throughput of both builds, interleaved.

HISTORY_PORTS=(14000 14001)
HISTORY_MANAGEMENT_PORT=14002
HISTORY_BROKER_PORT=19094
HISTORY_BROKERS="127.0.0.1:$HISTORY_BROKER_PORT"
READ_RATE=1000
START_TIMEOUT_SECONDS=600 # the baseline replays millions of orders before its first 201
READ_SECONDS=$(( SMOKE_SECONDS > 0 ? SMOKE_SECONDS : 10 ))
LOAD_SECONDS=$(( SMOKE_SECONDS > 0 ? SMOKE_SECONDS : 120 ))

# hfact FIGURE HISTORY VALUE: one measured number of the history scenario
hfact() {
    printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$DATA/history.tsv"
}

# read_latency NAME PORT PATH [IDS FILE] [RATE]: open-loop GETs, the JSON line kept as NAME.json
read_latency() {
    local name=$1 port=$2 path=$3 ids=${4:-} rate=${5:-$READ_RATE}
    "$JAVA" -Xmx256m -cp "$BENCH_CLASSPATH" coffee.bootstrap.bench.ReadLatency "http://127.0.0.1:$port" "$path" \
        "$rate" "$READ_SECONDS" $ids >"$DATA/$name.json" 2>"$WORK/logs/$name.log" \
        || fail "reading $path failed (see logs/$name.log)"
    say "  $name: $(cat "$DATA/$name.json")"
}

json_field() { # json_field FILE FIELD: a number from a one-line JSON object
    sed -n "s/.*\"$2\":\([0-9.]*\).*/\1/p" "$1"
}

# wait_ready PORT SECONDS: until readiness (Kafka and the view) answers 200; sets READY_MILLIS
# to the time since READY_SINCE (ms)
wait_ready() {
    local deadline=$(( $(date +%s) + $2 ))
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/observe/health/ready")" = 200 ]; do
        [ "$(date +%s)" -lt "$deadline" ] || fail "the producer on $1 was not ready for reads within $2 s"
        sleep 0.01
    done
    READY_MILLIS=$(( $(date +%s%3N) - READY_SINCE ))
}

# wait_idle PID SECONDS: until the process has used under 15 % of a core for 5 s in a row
wait_idle() {
    local pid=$1 deadline=$(( $(date +%s) + $2 )) quiet=0 before after
    before=$(cpu_ticks "$pid")
    while [ "$quiet" -lt 5 ]; do
        [ "$(date +%s)" -lt "$deadline" ] || fail "process $pid was still busy after $2 s"
        sleep 1
        after=$(cpu_ticks "$pid")
        if [ $(( (after - before) * 100 / CLOCK_TICKS )) -lt 15 ]; then quiet=$(( quiet + 1 )); else quiet=0; fi
        before=$after
    done
    say "  producer $pid idle after its warm-up"
}

# first_completed PORT: places an order and waits for it to be completed; sets DONE_AT (ms)
place_and_await() {
    local port=$1 id
    id=$(curl -s -X POST -H 'Content-Type: application/json' -d "$ORDER_JSON" "http://127.0.0.1:$port/order" \
        | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
    [ -n "$id" ] || fail "no order placed on $port"
    local deadline=$(( $(date +%s) + 300 ))
    until curl -s "http://127.0.0.1:$port/order/$id?wait_for=completed&timeout=10s" | grep -q '"status":"completed"'; do
        [ "$(date +%s)" -lt "$deadline" ] || fail "order $id never completed"
    done
    DONE_AT=$(date +%s%3N)
}

baseline_producer_start() { # H ENV...: the baseline build's producer on these topics, first 201 timed
    local history=$1
    shift
    start_timed "baseline-producer-$history" "${HISTORY_PORTS[1]}" "$@" SERVER_PORT="${HISTORY_PORTS[1]}" \
        -- "$BASELINE/coffee" serve-producer
}

# the baseline build's start-up figures on this history (its producer's replay, its consumer's
# first order). After this build's consumer: a consumer of a build that writes no replay
# metadata commits without it, and a later consumer of this build in the same group then reads
# every status from the start (a one-off of an upgrade, not what the figure is about).
baseline_on_history() { # H COUNT ENV...
    local history=$1 count=$2
    shift 2
    say "history $history: the baseline build ($BASELINE_COMMIT) starts on it"
    baseline_producer_start "$history" "$@"
    hfact baseline_first_201_ms "$history" "$STARTUP_MILLIS"
    hfact baseline_replay_orders_per_s "$history" $(( count * 1000 / (STARTUP_MILLIS > 0 ? STARTUP_MILLIS : 1) ))
    sleep 3
    hfact baseline_producer_rss_mb "$history" "$(rss_mb "$(pid_of "baseline-producer-$history")")"
    say "  baseline: first 201 after $STARTUP_MILLIS ms, RSS $(rss_mb "$(pid_of "baseline-producer-$history")") MB"
    READY_SINCE=$(date +%s%3N)
    start "baseline-consumer-$history" "$@" BREW_TIME_MS=0 MANAGEMENT_PORT=$HISTORY_MANAGEMENT_PORT \
        -- "$BASELINE/coffee" serve-consumer
    place_and_await "${HISTORY_PORTS[1]}"
    hfact baseline_consumer_first_completed_ms "$history" $(( DONE_AT - READY_SINCE ))
    hfact baseline_consumer_rss_mb "$history" "$(rss_mb "$(pid_of "baseline-consumer-$history")")"
    say "  baseline consumer: first new order completed $(( DONE_AT - READY_SINCE )) ms after its start"
    stop "baseline-consumer-$history"
    stop "baseline-producer-$history"
}

history_run() {
    local history=$1 count=$1
    [ "$count" = 0 ] && count=1000
    local tag="h$history"
    local env=(KAFKA_BROKERS="$HISTORY_BROKERS" KAFKA_TOPIC="${tag}_orders" KAFKA_STATUS_TOPIC="${tag}_status"
        KAFKA_DLQ_TOPIC="${tag}_dlq" KAFKA_GROUP_ID="${tag}_baristas" VIEW_APPLICATION_ID="${tag}-view")
    local state="$WORK/state-$tag" ids="$DATA/ids-$tag.txt"

    say "history $history: filling the topics with $count finished orders"
    "$JAVA" -Xmx512m -cp "$BENCH_CLASSPATH" coffee.bootstrap.bench.FillHistory "$HISTORY_BROKERS" "${tag}_orders" \
        "${tag}_status" "${tag}_baristas" "$count" 6 "$ids" >"$WORK/logs/fill-$tag.log" 2>&1 \
        || fail "filling the history failed (see logs/fill-$tag.log)"
    say "  $(tail -1 "$WORK/logs/fill-$tag.log")"

    say "history $history: the producer's first start (its view built from the topics)"
    rm -rf "$state"
    READY_SINCE=$(date +%s%3N)
    start_timed "producer-$tag" "${HISTORY_PORTS[0]}" "${env[@]}" SERVER_PORT="${HISTORY_PORTS[0]}" \
        VIEW_STATE_DIR="$state" -- ./coffee serve-producer
    wait_ready "${HISTORY_PORTS[0]}" 1800
    hfact first_build_ready_ms "$history" "$READY_MILLIS"
    hfact first_build_orders_per_s "$history" $(( count * 1000 / (READY_MILLIS > 0 ? READY_MILLIS : 1) ))
    say "  first 201 after $STARTUP_MILLIS ms, ready for reads after $READY_MILLIS ms"

    say "history $history: reads at $READ_RATE/s"
    read_latency "read-health-$tag" "${HISTORY_PORTS[0]}" /health
    read_latency "read-order-$tag" "${HISTORY_PORTS[0]}" '/order/{id}' "$ids"
    read_latency "read-customer-$tag" "${HISTORY_PORTS[0]}" '/orders?customer=Guest%207&limit=50' "" 50
    hfact get_health_p99_ms "$history" "$(json_field "$DATA/read-health-$tag.json" p99_ms)"
    hfact get_order_p99_ms "$history" "$(json_field "$DATA/read-order-$tag.json" p99_ms)"
    hfact get_orders_customer_p50_ms "$history" "$(json_field "$DATA/read-customer-$tag.json" p50_ms)"
    hfact get_orders_customer_p99_ms "$history" "$(json_field "$DATA/read-customer-$tag.json" p99_ms)"
    stop "producer-$tag"

    for run in $(seq 1 "$RUNS"); do
        say "history $history: restart with its state directory (run $run)"
        READY_SINCE=$(date +%s%3N)
        start_timed "producer-$tag" "${HISTORY_PORTS[0]}" "${env[@]}" SERVER_PORT="${HISTORY_PORTS[0]}" \
            VIEW_STATE_DIR="$state" -- ./coffee serve-producer
        hfact restart_first_201_ms "$history" "$STARTUP_MILLIS"
        wait_ready "${HISTORY_PORTS[0]}" 600
        hfact restart_ready_ms "$history" "$READY_MILLIS"
        say "  first 201 after $STARTUP_MILLIS ms, ready for reads after $READY_MILLIS ms"
        if [ "$run" = "$RUNS" ]; then
            sleep 5
            hfact producer_idle_rss_mb "$history" "$(rss_mb "$(pid_of "producer-$tag")")"
            say "  RSS when idle: $(rss_mb "$(pid_of "producer-$tag")") MB"
        else
            stop "producer-$tag"
        fi
    done

    say "history $history: a consumer starts, a new order comes"
    READY_SINCE=$(date +%s%3N)
    start "consumer-$tag" "${env[@]}" BREW_TIME_MS=0 MANAGEMENT_PORT=$HISTORY_MANAGEMENT_PORT -- ./coffee serve-consumer
    place_and_await "${HISTORY_PORTS[0]}"
    hfact consumer_first_completed_ms "$history" $(( DONE_AT - READY_SINCE ))
    sleep 3
    hfact consumer_rss_mb "$history" "$(rss_mb "$(pid_of "consumer-$tag")")"
    say "  first new order completed $(( DONE_AT - READY_SINCE )) ms after the consumer's start; RSS $(rss_mb "$(pid_of "consumer-$tag")") MB"
    stop "consumer-$tag"
    if [ -n "$BASELINE" ]; then
        baseline_on_history "$history" "$count" "${env[@]}"
    fi

    say "history $history: a second producer joins; reads through it are forwarded to the first, which holds the view"
    start "producer2-$tag" "${env[@]}" SERVER_PORT="${HISTORY_PORTS[1]}" VIEW_STATE_DIR="$state-2" \
        -- ./coffee serve-producer
    READY_SINCE=$(date +%s%3N)
    wait_ready "${HISTORY_PORTS[1]}" 600
    # a new member only warms copies up until it has caught up (Kafka Streams' high-availability
    # assignment): meanwhile the first holds every active partition and answers for all
    read_latency "read-forwarded-$tag" "${HISTORY_PORTS[1]}" '/order/{id}' "$ids"
    hfact get_order_forwarded_p99_ms "$history" "$(json_field "$DATA/read-forwarded-$tag.json" p99_ms)"
    # the copies' warm-up (a restore from the changelogs) takes a core while it lasts: the same
    # reads again once the second producer is idle, and its /health beside them
    wait_idle "$(pid_of "producer2-$tag")" 600
    read_latency "read-forwarded-settled-$tag" "${HISTORY_PORTS[1]}" '/order/{id}' "$ids"
    read_latency "read-health2-$tag" "${HISTORY_PORTS[1]}" /health
    hfact get_order_forwarded_settled_p99_ms "$history" \
        "$(json_field "$DATA/read-forwarded-settled-$tag.json" p99_ms)"
    hfact get_health_second_p99_ms "$history" "$(json_field "$DATA/read-health2-$tag.json" p99_ms)"
    stop "producer2-$tag"

    say "history $history: a new producer with an empty state directory restores its view"
    stop "producer-$tag"
    rm -rf "$state-empty"
    READY_SINCE=$(date +%s%3N)
    start_timed "producer-$tag" "${HISTORY_PORTS[0]}" "${env[@]}" SERVER_PORT="${HISTORY_PORTS[0]}" \
        VIEW_STATE_DIR="$state-empty" -- ./coffee serve-producer
    hfact empty_first_201_ms "$history" "$STARTUP_MILLIS"
    wait_ready "${HISTORY_PORTS[0]}" 1800
    hfact restore_ready_ms "$history" "$READY_MILLIS"
    hfact restore_orders_per_s "$history" $(( count * 1000 / (READY_MILLIS > 0 ? READY_MILLIS : 1) ))
    say "  ready for reads after $READY_MILLIS ms: $(( count * 1000 / (READY_MILLIS > 0 ? READY_MILLIS : 1) )) orders/s"

    if [ "$history" = "$LARGEST_HISTORY" ]; then
        say "history $history: ${LOAD_SECONDS}s of full load (256 connections), then the producer's RSS"
        load "history-load-$tag" --url "http://127.0.0.1:${HISTORY_PORTS[0]}" --connections 256 \
            --duration "${LOAD_SECONDS}s"
        hfact producer_loaded_rss_mb "$history" "$(rss_mb "$(pid_of "producer-$tag")")"
        say "  RSS after load: $(rss_mb "$(pid_of "producer-$tag")") MB"
    fi
    stop "producer-$tag"
}

# POST /order throughput of this build against the baseline's, interleaved, on empty topics
post_against_baseline() {
    local env=(KAFKA_BROKERS="$HISTORY_BROKERS" KAFKA_TOPIC=post_orders KAFKA_STATUS_TOPIC=post_status
        KAFKA_DLQ_TOPIC=post_dlq)
    for run in $(seq 1 "$RUNS"); do
        for build in this baseline; do
            local launcher=./coffee port=${HISTORY_PORTS[0]} extra=(VIEW_STATE_DIR="$WORK/state-post")
            if [ "$build" = baseline ]; then
                launcher="$BASELINE/coffee" port=${HISTORY_PORTS[1]} extra=()
            fi
            start "post-$build" "${env[@]}" "${extra[@]}" SERVER_PORT="$port" -- "$launcher" serve-producer
            wait_for_log "post-$build" "producer ready" 120
            sleep 2
            load "post-$build-warmup" --url "http://127.0.0.1:$port" --connections 256 --duration "${WARMUP}s"
            load_cpu "post-$build-r$run" "post-$build" --url "http://127.0.0.1:$port" --connections 256 \
                --duration "${DURATION}s"
            hfact "post_orders_per_s_$build" 0 "$(median_of "$DATA/post-$build-r$run.json")"
            hfact "post_cpu_us_$build" 0 "$(awk -F'\t' -v run="post-$build-r$run" '$1 == run { print $2 }' "$DATA/cpu.tsv")"
            stop "post-$build"
        done
    done
}

say "history scenario: histories $HISTORY${BASELINE:+, baseline $BASELINE ($BASELINE_COMMIT)}"
port_is_free "$HISTORY_BROKER_PORT" || fail "port $HISTORY_BROKER_PORT is in use"
rm -rf "$WORK/history-kafka"
start history-broker BROKER_PORT=$HISTORY_BROKER_PORT BROKER_DATA_DIR="$WORK/history-kafka" -- ./coffee broker
wait_for_log history-broker "Kafka broker ready" 60
LARGEST_HISTORY=$(tr ',' '\n' <<<"$HISTORY" | sort -n | tail -1)
if [ -n "$BASELINE" ]; then
    say "POST /order throughput: this build and the baseline, interleaved"
    post_against_baseline
fi
for history in ${HISTORY//,/ }; do
    history_run "$history"
done
stop history-broker

if $SMOKE; then
    REPORT="$WORK/history.md"
else
    mkdir -p bench/results
    REPORT="bench/results/$(date -u +%Y-%m-%d)-history.md"
fi
"$JAVA" -cp "bootstrap/target/lib/*" bench/HistoryReport.java "$DATA" "$REPORT" \
    || fail "the history report could not be written"
say "done in $(( $(date +%s) - STARTED )) s: $REPORT"

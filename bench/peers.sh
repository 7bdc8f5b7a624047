# bench/peers.sh: the peers scenario of bench/run (`bench/run --peers`), sourced by bench/run
# after its set-up; uses its functions (start, stop, say, load_cpu, ...).
#
# POST /order of `coffee serve-producer` (launcher defaults) against a Spring Boot 4 +
# spring-kafka service doing the same work (bench/peers/spring-boot: validate, publish keyed by
# id with acks=all and an idempotent producer, 201 after the acknowledgement), both on one broker
# of their own, the same load from `coffee load` at 256 connections: each warmed up, then
# interleaved rounds, each with orders/s and the server's and the broker's CPU per order.
# The Go original the issue also names (DimaJoyti/go-coffee) needs Go 1.23 and Go modules, which
# this machine class cannot fetch (Debian has Go 1.19; no module proxy): not measured here.

PEERS_BROKER_PORT=19096
PEERS_PRODUCER_PORT=15100
PEERS_SPRING_PORT=15200
PEERS_SECONDS=$(( SMOKE_SECONDS > 0 ? SMOKE_SECONDS : DURATION ))
# the issue warmed each up for 20 s; on a slow day both were still speeding up round by round after that
PEERS_WARMUP=$(( SMOKE_SECONDS > 0 ? SMOKE_SECONDS : 60 ))
PEER_JAR=bench/peers/spring-boot/target/spring-boot-peer.jar

# pfact FIGURE VALUE: one measured number of the peers scenario
pfact() {
    printf '%s\t%s\n' "$1" "$2" >>"$DATA/peers.tsv"
}

# median_cpu PATTERN: the median server CPU per order (µs) of the load runs whose names match
median_cpu() {
    awk -F'\t' -v pattern="$1" '$1 ~ pattern { print $2 }' "$DATA/cpu.tsv" | sort -n \
        | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

for port in $PEERS_BROKER_PORT $PEERS_PRODUCER_PORT $PEERS_SPRING_PORT; do
    port_is_free "$port" || fail "port $port is in use: stop what listens there first"
done
if $BUILD || [ ! -f "$PEER_JAR" ]; then
    say "building the Spring Boot peer (./mvnw -f bench/peers/spring-boot/pom.xml package)"
    ./mvnw -q -B -f bench/peers/spring-boot/pom.xml -DskipTests package >"$WORK/logs/peer-build.log" 2>&1 \
        || fail "the Spring Boot peer did not build (see logs/peer-build.log)"
fi

say "peers scenario: coffee serve-producer against the Spring Boot peer, $RUNS interleaved rounds of ${PEERS_SECONDS}s"
rm -rf "$WORK/peers-kafka"
start broker BROKER_PORT=$PEERS_BROKER_PORT BROKER_DATA_DIR="$WORK/peers-kafka" -- ./coffee broker
wait_for_log broker "Kafka broker ready" 60
PEERS_BROKERS="127.0.0.1:$PEERS_BROKER_PORT"
start producer KAFKA_BROKERS="$PEERS_BROKERS" KAFKA_TOPIC=peers_orders KAFKA_STATUS_TOPIC=peers_status \
    KAFKA_DLQ_TOPIC=peers_dlq SERVER_PORT=$PEERS_PRODUCER_PORT VIEW_STATE_DIR="$WORK/peers-view" \
    -- ./coffee serve-producer
# the same collector and heap as the producer's launcher defaults (scripts/jvm.sh), so neither
# JVM is measured with more memory to spend than the other
start spring KAFKA_BROKERS="$PEERS_BROKERS" KAFKA_TOPIC=peers_spring_orders SERVER_PORT=$PEERS_SPRING_PORT \
    -- "$JAVA" -XX:+UseParallelGC -Xms64m -Xmx256m -jar "$PEER_JAR"
wait_for_log producer "producer ready" 90
wait_for_log spring "Started PeerApplication" 90
PEERS_PRODUCER="http://127.0.0.1:$PEERS_PRODUCER_PORT"
PEERS_SPRING="http://127.0.0.1:$PEERS_SPRING_PORT"
load peers-coffee-warmup --url "$PEERS_PRODUCER" --connections 256 --duration "${PEERS_WARMUP}s"
load peers-spring-warmup --url "$PEERS_SPRING" --connections 256 --duration "${PEERS_WARMUP}s"
for run in $(seq 1 "$RUNS"); do
    load_cpu "peers-coffee-r$run" producer --url "$PEERS_PRODUCER" --connections 256 --duration "${PEERS_SECONDS}s"
    load_cpu "peers-spring-r$run" spring --url "$PEERS_SPRING" --connections 256 --duration "${PEERS_SECONDS}s"
done
pfact coffee_rss_mb "$(rss_mb "$(pid_of producer)")"
pfact spring_rss_mb "$(rss_mb "$(pid_of spring)")"
stop spring
stop producer
stop broker

coffee=$(median_of "$DATA"/peers-coffee-r*.json)
spring=$(median_of "$DATA"/peers-spring-r*.json)
pfact coffee_orders_per_s "$coffee"
pfact spring_orders_per_s "$spring"
pfact coffee_cpu_us "$(median_cpu '^peers-coffee-r')"
pfact spring_cpu_us "$(median_cpu '^peers-spring-r')"
# each round's ratio, this project over the peer: orders/s and CPU per order
for run in $(seq 1 "$RUNS"); do
    ours=$(sed -n 's/^ *"orders_per_second" : \([0-9.]*\).*/\1/p' "$DATA/peers-coffee-r$run.json" | head -1)
    theirs=$(sed -n 's/^ *"orders_per_second" : \([0-9.]*\).*/\1/p' "$DATA/peers-spring-r$run.json" | head -1)
    pfact "round_${run}_orders_ratio" "$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
    pfact "round_${run}_cpu_ratio" "$(awk -F'\t' -v r="$run" '$1 == "peers-coffee-r" r { a = $2 } $1 == "peers-spring-r" r { b = $2 }
        END { printf "%.2f", (b > 0 ? a / b : 0) }' "$DATA/cpu.tsv")"
done
say "  POST /order: coffee $coffee orders/s, Spring Boot peer $spring orders/s"

if $SMOKE; then
    REPORT="$WORK/peers.md"
else
    mkdir -p bench/results
    REPORT="bench/results/$(date -u +%Y-%m-%d)-peers.md"
fi
{
    echo "# Peers, $(date -u +%Y-%m-%d) ($(git rev-parse --short HEAD 2>/dev/null || echo unknown))"
    echo
    echo "bench/run --peers: POST /order at 256 connections (coffee load), \`coffee serve-producer\` against the"
    echo "Spring Boot peer (bench/peers/spring-boot), one broker, $(nproc) cores; ${PEERS_WARMUP} s of warm-up each,"
    echo "then $RUNS interleaved rounds of ${PEERS_SECONDS} s. Calibration: a system call ${SYSCALL_NS} ns, a fixed"
    echo "CPU loop ${CPU_LOOP_MS} ms. Ratios are this project over the peer, per round."
    echo
    echo "| figure | value |"
    echo "| --- | ---: |"
    awk -F'\t' '{ printf "| %s | %s |\n", $1, $2 }' "$DATA/peers.tsv"
    echo
    echo "| round | server | orders/s | server CPU µs/order | broker CPU µs/order |"
    echo "| --- | --- | ---: | ---: | ---: |"
    for run in $(seq 1 "$RUNS"); do
        for server in coffee spring; do
            awk -F'\t' -v name="peers-$server-r$run" -v run="$run" -v server="$server" \
                -v rate="$(sed -n 's/^ *"orders_per_second" : \([0-9.]*\).*/\1/p' "$DATA/peers-$server-r$run.json" | head -1)" \
                '$1 == name { printf "| %s | %s | %s | %s | %s |\n", run, server, rate, $2, $3 }' "$DATA/cpu.tsv"
        done
    done
} >"$REPORT"
say "done in $(( $(date +%s) - STARTED )) s: $REPORT"

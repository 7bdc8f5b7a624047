# HTTP latency percentiles against throughput, from bench/run's open-loop runs.
# Called by bench/run:  gnuplot -e "data='...tsv'; output='...png'" bench/chart.gp
set terminal pngcairo size 900,540 font ",11"
set output output
set title "POST /order, full pipeline (acks=all), open loop, 256 connections"
set xlabel "throughput (orders/s)"
set ylabel "HTTP latency (ms)"
set logscale y
set grid ytics mytics xtics
set key top left
set datafile separator "\t"
plot data using 1:2 with linespoints title "p50", \
     data using 1:3 with linespoints title "p90", \
     data using 1:4 with linespoints title "p99", \
     data using 1:5 with linespoints title "p99.9"

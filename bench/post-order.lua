-- wrk script for bench/run's cross-check: every request places one order, as `coffee load` does.
wrk.method = "POST"
wrk.body = '{"customer_name":"Load Tester","coffee_type":"Latte"}'
wrk.headers["Content-Type"] = "application/json"

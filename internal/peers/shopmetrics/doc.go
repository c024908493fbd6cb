// Command shopmetrics is the shopmetrics peer of the side-by-side harness
// (/work/shared/peers): it loads the harness's generated events.csv and
// orders.csv into the library's columnar batches (funnel.Events,
// metrics.Orders: one line per order, quantity 1, unit price = gross, unit
// cost = cogs, the order's discount as its order-level discount) and
// answers the harness's queries with the public API only, on the batches'
// fast paths:
//
//	a_totals          metrics.Totals.AddOrders (all time, per currency)
//	a_totals_sum      money.Sum over the batch's columns (the same answer)
//	b_cohorts         cohort.Activity.AddOrders + Activity.Retention (monthly, UTC)
//	c_funnel          funnel.Counter.AddEvents, FirstEntryOnly, 7-day window
//	d_windowfunnel    funnel.Counter.AddEvents, default (ClickHouse windowFunnel) mode
//	b_cohorts_ledger  (only with -q) b_cohorts with cohort.Ledger.AddOrders + Ledger.Retention
//
// Each query starts from the loaded batches, so building the accumulator or
// the counter is part of its time, as a SQL engine's hash tables are part
// of a query's. Results are written as the other engines write them
// (-outdir), byte for byte, for cmp.
//
// It replaces the harness's own peer (shopmetrics/load.go and main.go there,
// written against an older API): ../compare.sh copies the harness to a
// writable directory, puts this command's load.go and main.go in its
// place and runs the harness's compare.sh. Both files therefore use only
// the module's public packages, never internal ones. On its own:
//
//	go build -o /tmp/shopmetrics-peer ./internal/peers/shopmetrics
//	/tmp/shopmetrics-peer -data /tmp/shopmetrics-peers/data-1000000-200000-1 -outdir /tmp/peers-out/shopmetrics
//
// Before each run, warm-up or timed, the peer collects garbage (-gc, on by
// default; the collection is not timed), so that every run starts from
// the same heap, as testing.B starts each benchmark. Without it a run
// pays for the garbage of the one before: the Go heap grows into fresh
// memory from the system until its next collection, and on this machine
// first-touching fresh pages doubled the funnels' times (c_funnel 0.63–0.78 s
// against 0.35–0.40 s with -gc, 10M events, one core).
//
// Timings are printed one per line, machine-readable, as the harness's
// benchtab reads them:
//
//	T load 0 1.234567 1.3012    (wall and process CPU seconds)
//	W c_funnel 0.0812 0.0815    (a warm-up run, not counted)
//	T c_funnel 0 0.0799 0.0801  (timed run 0)
package main

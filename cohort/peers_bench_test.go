package cohort

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/internal/peerdata"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// peersOrders is the orders file of the side-by-side harness of issue 19
// (../shared/peers): 1M orders of 668,017 customers, seed 7.
const peersOrders = peerdata.Orders1M

var peers struct {
	once  sync.Once
	batch *metrics.Orders
	err   error
}

// loadPeers reads peersOrders once into a batch, as the harness's
// shopmetrics peer does (/tmp/peers-copy/shopmetrics/load.go): one line
// per order, quantity 1, unit price = gross, unit cost = cogs, order
// discount = discount, status paid, times in UTC. It skips b if the file
// is absent.
func loadPeers(b *testing.B) *metrics.Orders {
	b.Helper()
	if _, err := os.Stat(peersOrders); err != nil {
		b.Skipf("no peers data: %v", err)
	}
	peers.once.Do(func() { peers.batch, peers.err = readPeersOrders(peersOrders) })
	if peers.err != nil {
		b.Fatal(peers.err)
	}
	return peers.batch
}

// rowsOf returns the orders of batch as rows. The row benchmark makes
// them in its setup and drops them after, so that the garbage collector
// does not scan them during the batch benchmark.
func rowsOf(batch *metrics.Orders) []metrics.Order {
	rows := make([]metrics.Order, batch.Len())
	for i := range rows {
		rows[i] = batch.Order(i)
	}
	return rows
}

// readPeersOrders reads the harness's orders file into a batch
// (peerdata.ReadOrders).
func readPeersOrders(path string) (*metrics.Orders, error) {
	b, _, err := peerdata.ReadOrders(path, false)
	return b, err
}

// BenchmarkPeersCohorts is the harness's b_cohorts query: the monthly
// retention matrix in UTC of the 1M orders of peersOrders (loaded in
// setup), from a Ledger fed the batch (AddOrders) or rows (AddAll), and
// from the lean Activity fed the batch ("activity"). The rows are made
// from the batch in the setup of the row benchmark. -count runs each
// sub-benchmark its times in a row; to interleave them, run them in
// alternate invocations of a compiled test binary:
//
//	go test -c -o /tmp/cohort.test ./cohort && cd cohort
//	for r in 1 2 3 4 5; do for p in activity batch; do
//	  /tmp/cohort.test -test.run XXX -test.bench PeersCohorts/$p -test.benchtime 3x -test.cpu 1
//	done; done
func BenchmarkPeersCohorts(b *testing.B) {
	batch := loadPeers(b)
	for _, path := range []string{"activity", "batch", "rows"} {
		b.Run(path, func(b *testing.B) {
			var rows []metrics.Order
			if path == "rows" {
				rows = rowsOf(batch)
			}
			runtime.GC()
			b.ResetTimer()
			cpu := cputime.Used()
			for b.Loop() {
				var m *Matrix
				var err error
				if path == "activity" {
					var a Activity
					if err := a.AddOrders(batch); err != nil {
						b.Fatal(err)
					}
					m, err = a.Retention(RetentionConfig{Grain: metrics.Month})
				} else {
					var l Ledger
					if path == "batch" {
						err = l.AddOrders(batch)
					} else {
						err = l.AddAll(rows)
					}
					if err != nil {
						b.Fatal(err)
					}
					m, err = l.Retention(RetentionConfig{Grain: metrics.Month})
				}
				if err != nil || len(m.Rows) == 0 {
					b.Fatal("no cohorts", err)
				}
			}
			reportRates(b, batch.Len(), cputime.Used()-cpu)
			b.ReportMetric(b.Elapsed().Seconds()*1e3/float64(b.N), "ms/query")
		})
	}
}

// TestPeersAddOrders checks, on the harness's 1M orders, that the batch
// path gives the row path's matrix, every cell, and the Activity its
// counts. With SHOPMETRICS_PEERS_OUT set, it writes the active customers
// of each cohort and month there as cohort,month,active (cells with one
// or more, as the harness prints them), for comparison with an
// independent computation.
func TestPeersAddOrders(t *testing.T) {
	if testing.Short() {
		t.Skip("1M orders")
	}
	if _, err := os.Stat(peersOrders); err != nil {
		t.Skipf("no peers data: %v", err)
	}
	batch, err := readPeersOrders(peersOrders)
	if err != nil {
		t.Fatal(err)
	}
	var fromBatch, fromRows Ledger
	if err := fromBatch.AddOrders(batch); err != nil {
		t.Fatal(err)
	}
	if err := fromRows.AddAll(rowsOf(batch)); err != nil {
		t.Fatal(err)
	}
	cfg := RetentionConfig{Grain: metrics.Month}
	want, got := fromRows.mustRetention(cfg), fromBatch.mustRetention(cfg)
	if diff := cmp.Diff(want, got, opts); diff != "" {
		t.Fatalf("(-AddAll +AddOrders):\n%s", diff)
	}
	var act Activity
	if err := act.AddOrders(batch); err != nil {
		t.Fatal(err)
	}
	lean, err := act.Retention(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(countsOf(want), lean, opts); diff != "" {
		t.Fatalf("(-AddAll +Activity):\n%s", diff)
	}
	if act.Customers() != 668017 {
		t.Errorf("Activity: %d customers, want 668017", act.Customers())
	}
	if fromBatch.Customers() != 668017 { // awk -F, 'NR>1{c[$2]}END{print length(c)}' orders.csv
		t.Errorf("%d customers, want 668017", fromBatch.Customers())
	}
	if out := os.Getenv("SHOPMETRICS_PEERS_OUT"); out != "" {
		var buf bytes.Buffer
		for _, r := range got.Rows {
			for n, c := range r.Cells {
				if c.Active > 0 {
					fmt.Fprintf(&buf, "%s,%d,%d\n", r.Label, n, c.Active)
				}
			}
		}
		if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

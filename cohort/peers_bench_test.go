package cohort

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// peersOrders is the orders file of the side-by-side harness of issue 19
// (../shared/peers): 1M orders of 668,017 customers, seed 7.
const peersOrders = "/tmp/shopmetrics-peers/data-10000000-1000000-7/orders.csv"

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

// readPeersOrders is a small CSV loop for the harness's orders file
// (order_id,customer_id,ts_unix,channel,gross,discount,cogs,currency),
// filling the columns of a batch directly.
func readPeersOrders(path string) (*metrics.Orders, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var b metrics.Orders
	b.Init()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	curs := map[string]money.Currency{}
	for sc.Scan() {
		line++
		if line == 1 {
			continue // the header
		}
		var fs [8][]byte
		rest := sc.Bytes()
		for k := range fs {
			i := bytes.IndexByte(rest, ',')
			if i < 0 || k == len(fs)-1 {
				fs[k], rest = rest, nil
				continue
			}
			fs[k], rest = rest[:i], rest[i+1:]
		}
		ts, err := strconv.ParseInt(string(fs[2]), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d:3: %v", path, line, err)
		}
		cur, ok := curs[string(fs[7])]
		if !ok {
			if cur, err = money.ParseCurrency(string(fs[7])); err != nil {
				return nil, fmt.Errorf("%s:%d:8: %v", path, line, err)
			}
			curs[string(fs[7])] = cur
		}
		var amts [3]money.Money
		for k := range amts {
			if amts[k], err = cur.Parse(string(fs[4+k])); err != nil {
				return nil, fmt.Errorf("%s:%d:%d: %v", path, line, 5+k, err)
			}
		}
		b.IDs.AppendBytes(fs[0])
		b.Customer = append(b.Customer, b.CustomerIDs.IndexBytes(fs[1]))
		b.Placed = append(b.Placed, ts*1e9)
		b.Paid = append(b.Paid, metrics.NoTime)
		b.Shipped = append(b.Shipped, metrics.NoTime)
		b.Delivered = append(b.Delivered, metrics.NoTime)
		b.PromisedBy = append(b.PromisedBy, metrics.NoTime)
		b.Channel = append(b.Channel, b.Channels.IndexBytes(fs[3]))
		b.Status = append(b.Status, metrics.Paid)
		b.Currency = append(b.Currency, b.CurrencyCode(cur))
		b.Discount.AppendExact(amts[1], cur)
		b.Shipping.AppendMinor(0)
		b.Tax.AppendMinor(0)
		b.Promotion = append(b.Promotion, -1)
		b.Carrier = append(b.Carrier, -1)
		b.Region = append(b.Region, -1)
		b.SKU = append(b.SKU, -1) // no SKU
		b.Name = append(b.Name, -1)
		b.Category = append(b.Category, -1)
		b.Quantity = append(b.Quantity, 1)
		b.UnitPrice.AppendExact(amts[0], cur)
		b.LineDiscount.AppendMinor(0)
		b.UnitCost.AppendExact(amts[2], cur)
		b.LinePromotion = append(b.LinePromotion, -1)
		b.LineStart = append(b.LineStart, int32(len(b.SKU)))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %v", path, line, err)
	}
	return &b, nil
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

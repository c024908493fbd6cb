package storedata

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/report"
)

// smallDemo writes a small demo store's orders, refunds, events and spend
// to a new directory.
func smallDemo(t *testing.T) (string, *sample.Store) {
	t.Helper()
	s := sample.Generate(sample.Config{Days: 40, Customers: 120, SKUs: 24})
	dir := t.TempDir()
	for name, write := range map[string]func(*os.File) error{
		"order_lines.csv": func(f *os.File) error { return WriteOrders(f, slices.Values(s.Orders)) },
		"refunds.csv":     func(f *os.File) error { return WriteRefunds(f, slices.Values(s.Refunds)) },
		"events.csv": func(f *os.File) error {
			return WriteEvents(f, slices.Values(s.Events), sample.PropOrder, funnel.PropSKU)
		},
		"spend.csv": func(f *os.File) error { return WriteSpend(f, slices.Values(s.Spend)) },
	} {
		if err := writeFile(filepath.Join(dir, name), write); err != nil {
			t.Fatal(err)
		}
	}
	return dir, s
}

func writeString(t *testing.T, dir, name, s string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDir reads a demo export: the streams give back the orders and
// events written, twice (each range reads the file again), the small
// kinds are collected, and the counts match the files.
func TestDir(t *testing.T) {
	dir, s := smallDemo(t)
	src, err := Dir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if got := slices.Collect(src.Input.Orders); len(got) != len(s.Orders) || got[0].ID != s.Orders[0].ID {
			t.Errorf("orders: %d, want %d", len(got), len(s.Orders))
		}
	}
	events := slices.Collect(src.Input.Events)
	if len(events) != len(s.Events) {
		t.Errorf("events: %d, want %d", len(events), len(s.Events))
	}
	if len(src.Input.Refunds) != len(s.Refunds) || len(src.Input.Spend) != len(s.Spend) {
		t.Errorf("refunds %d spend %d, want %d and %d", len(src.Input.Refunds), len(src.Input.Spend), len(s.Refunds), len(s.Spend))
	}
	if src.Input.Snapshots != nil || src.Input.Tickets != nil {
		t.Errorf("absent files gave data")
	}
	lines := 0
	for _, o := range s.Orders {
		lines += len(o.Lines)
	}
	var refundRows int64
	for _, r := range s.Refunds {
		refundRows += int64(max(1, len(r.Lines)))
	}
	want := []FileStats{
		{File: "order_lines.csv", Rows: int64(lines)},
		{File: "events.csv", Rows: int64(len(s.Events))},
		{File: "refunds.csv", Rows: refundRows},
		{File: "spend.csv", Rows: int64(len(s.Spend))},
	}
	if diff := cmp.Diff(want, src.Files, cmpopts.IgnoreUnexported(FileStats{})); diff != "" {
		t.Errorf("Files (-want +got):\n%s", diff)
	}
	if src.Input.Rejected != nil || src.Warnings != nil || src.Err() != nil {
		t.Errorf("rejected %v, warnings %v, err %v", src.Input.Rejected, src.Warnings, src.Err())
	}
	// The demo writes its times at +08:00: the zone is that offset.
	if _, off := src.First.At.Zone(); off != 8*3600 || src.Location.String() != "+08:00" {
		t.Errorf("zone %v, first order at %v", src.Location, src.First.At)
	}
	if src.Span.Start.Format(time.DateOnly) != s.Period.Start.Format(time.DateOnly) || src.Sessions.Key != funnel.PropSession {
		t.Errorf("span %v (demo %v), sessions %q", src.Span, s.Period, src.Sessions.Key)
	}
}

// TestDirRejected spoils rows of two files: each file's rows read and
// rejected are counted by reason, the errors are kept, and
// Input.Rejected has one entry per file. Strict mode stops at the first.
func TestDirRejected(t *testing.T) {
	dir := t.TempDir()
	writeBadDir(t, dir)
	src, err := Dir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := src.Files
	for i := range got {
		if len(got[i].Errors) == 0 {
			t.Errorf("%s: no errors kept", got[i].File)
		}
		got[i].Errors = nil
	}
	want := []FileStats{
		{File: "order_lines.csv", Rows: 8, Rejected: 6, Reasons: map[string]int64{"bad quantity": 3, "bad unit_price": 2, "duplicate row": 1}},
		{File: "spend.csv", Rows: 2, Rejected: 1, Reasons: map[string]int64{"bad amount": 1}},
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(FileStats{})); diff != "" {
		t.Errorf("Files (-want +got):\n%s", diff)
	}
	// o1's three rows for its bad quantity, 1e400 and NaN as unit prices,
	// the repeated row of o3.
	if diff := cmp.Diff([]report.Rejected{
		{File: "order_lines.csv", Rows: 6, Read: 8, Reasons: map[string]int64{"bad quantity": 3, "bad unit_price": 2, "duplicate row": 1}},
		{File: "spend.csv", Rows: 1, Read: 2, Reasons: map[string]int64{"bad amount": 1}},
	}, src.Input.Rejected); diff != "" {
		t.Errorf("Input.Rejected (-want +got):\n%s", diff)
	}
	var ids []string
	for o := range src.Input.Orders {
		ids = append(ids, o.ID)
	}
	if diff := cmp.Diff([]string{"o3", "o5"}, ids); diff != "" {
		t.Errorf("orders (-want +got):\n%s", diff)
	}
	_, err = Dir(dir, Options{Strict: true})
	var pe *ParseError
	if !errors.As(err, &pe) || pe.File != "order_lines.csv" || pe.Line != 3 || pe.Name != "quantity" {
		t.Errorf("strict: %v, want the bad quantity of line 3", err)
	}
}

// writeBadDir writes the order lines and spend of TestDirRejected, with
// bad rows, to dir.
func writeBadDir(t *testing.T, dir string) {
	t.Helper()
	writeString(t, dir, "order_lines.csv", `order_id,placed_at,currency,sku,quantity,unit_price
o1,2025-11-11T20:00:00+08:00,CNY,A1,2,59.90
o1,2025-11-11T20:00:00+08:00,CNY,A2,x,1.00
o1,2025-11-11T20:00:00+08:00,CNY,A3,1,1.00
o2,2025-11-12T20:00:00+08:00,CNY,A1,1,1e400
o3,2025-11-13T20:00:00+08:00,CNY,A1,1,1.00
o3,2025-11-13T20:00:00+08:00,CNY,A1,1,1.00
o4,2025-11-14T20:00:00+08:00,CNY,A1,1,NaN
o5,2025-11-15T20:00:00+08:00,CNY,A1,1,2.00
`)
	writeString(t, dir, "spend.csv", "channel,day,currency,amount\nads,2025-11-01,CNY,5\nads,2025-11-02,CNY,-5\n")
}

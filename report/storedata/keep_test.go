package storedata

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/shopmetrics/shopmetrics/internal/sample"
)

// TestKeptStrings reads a demo export many times the size of the
// reader's buffer and keeps every record: the strings that the readers
// of orders and events take from the buffer (see strcache) must stay
// what was written after the buffer has been reused.
func TestKeptStrings(t *testing.T) {
	s := sample.Generate(sample.Config{Days: 90, Customers: 1500})
	dir := t.TempDir()
	if err := writeFile(filepath.Join(dir, "order_lines.csv"), func(f *os.File) error { return WriteOrders(f, slices.Values(s.Orders)) }); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(filepath.Join(dir, "events.csv"), func(f *os.File) error {
		return WriteEvents(f, slices.Values(s.Events), sample.PropOrder)
	}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "order_lines.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if st, _ := f.Stat(); st.Size() < 4*sniffSize {
		t.Fatalf("order_lines.csv has %d bytes, want several buffers", st.Size())
	}
	orders, errs := Collect(ReadOrders(f, Options{Location: s.Config.Location}))
	if errs != nil {
		t.Fatal(errs)
	}
	if diff := cmp.Diff(s.Orders, orders, moneyCmp, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("orders (-written +read):\n%.3000s", diff)
	}
	g, err := os.Open(filepath.Join(dir, "events.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	events, errs := Collect(ReadEvents(g, Options{Location: s.Config.Location}))
	if errs != nil {
		t.Fatal(errs)
	}
	if diff := cmp.Diff(s.Events, events, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("events (-written +read):\n%.3000s", diff)
	}
}

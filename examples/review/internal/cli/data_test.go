package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// TestLoadStreams: load leaves orders and events in their files (issue
// 18: the job collected them), so a review that reads them after the
// file is gone fails through loaded.err instead of reviewing nothing;
// the zone comes from the offsets when no -tz is given (nil), and each
// file with rejected rows gets a line counting them by reason.
func TestLoadStreams(t *testing.T) {
	dir := smallStore(t)
	path := filepath.Join(dir, "order_lines.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	head := strings.Split(strings.TrimSpace(lines[0]), ",")
	q := -1
	for i, h := range head {
		if h == "quantity" {
			q = i
		}
	}
	cells := strings.Split(lines[1], ",")
	cells[q] = "two"
	lines[1] = strings.Join(cells, ",")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	var errs bytes.Buffer
	l, err := loadWith(context.Background(), dir, storedata.Options{}, nil, time.Now(), &errs)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errs.String(), "order_lines.csv: ") || !strings.Contains(errs.String(), "bad quantity: ") {
		t.Errorf("stderr does not count the rejected rows by reason:\n%s", errs.String())
	}
	if loc := l.span.Start.Location().String(); loc != "+08:00" {
		t.Errorf("zone %s, want +08:00 from the demo's offsets", loc)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	n := 0
	for range l.in.Orders {
		n++
	}
	if n != 0 || l.err() == nil {
		t.Errorf("orders read after order_lines.csv was removed: %d, error %v", n, l.err())
	}
}

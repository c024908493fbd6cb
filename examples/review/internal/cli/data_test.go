package cli

import (
	"bytes"
	"context"
	"io"
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

// TestLoadBatchesOrRows: the events of a file in time order reach the
// review as batches (Input.EventBatchesWithin), the same events as the
// rows;
// a file with an event at a time a batch cannot hold (here 2300) reaches
// it as rows, so that its review keeps that event instead of failing.
func TestLoadBatchesOrRows(t *testing.T) {
	dir := smallStore(t)
	l, err := loadWith(context.Background(), dir, storedata.Options{}, nil, time.Now(), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if l.in.Events != nil || l.in.EventBatches != nil || l.in.EventBatchesWithin == nil {
		t.Fatal("the events of a file in time order are not reviewed as batches")
	}
	var rows, batched int
	for range l.src.Input.Events {
		rows++
	}
	for b := range l.in.EventBatchesWithin(nil) {
		batched += b.Len()
	}
	if rows == 0 || batched != rows {
		t.Errorf("%d events in batches, %d as rows", batched, rows)
	}

	path := filepath.Join(dir, "events.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(string(b), "\n")
	row := "u-far,2300-01-01T00:00:00+08:00,page_view" + strings.Repeat(",", strings.Count(head, ",")-2) + "\n"
	if err := os.WriteFile(path, append(b, row...), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err = loadWith(context.Background(), dir, storedata.Options{}, nil, time.Now(), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if l.in.Events == nil || l.in.EventBatches != nil || l.in.EventBatchesWithin != nil {
		t.Fatal("a file with an event in 2300 is not reviewed as rows")
	}
	n := 0
	for range l.in.Events {
		n++
	}
	if n != rows+1 || l.err() != nil {
		t.Errorf("%d events as rows, want %d; error %v", n, rows+1, l.err())
	}
}

// TestReadAgain: the command reads events.csv once, by the review
// (storedata.Options.EventsOnce); an events.csv that is not as that
// reading takes it (here a bad row) makes it read the directory again,
// with events.csv read ahead. The review is the one of that reading,
// stderr says why it read again, and no message of the first reading
// (here a bad order line's) is said twice.
func TestReadAgain(t *testing.T) {
	if testing.Short() {
		t.Skip("reviews a small store three times")
	}
	dir := smallStore(t)
	spoil := func(name string, line int, col string, val string) {
		path := filepath.Join(dir, name)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(b), "\n")
		head := strings.Split(strings.TrimSpace(lines[0]), ",")
		cells := strings.Split(lines[line-1], ",")
		for i, h := range head {
			if h == col {
				cells[i] = val
			}
		}
		lines[line-1] = strings.Join(cells, ",")
		if err := os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	spoil("order_lines.csv", 2, "quantity", "two")
	review := func() (string, string) {
		var out, errs bytes.Buffer
		if err := run(context.Background(), []string{"-data", dir, "-tz", "Asia/Shanghai", "-format", "json"}, &out, &errs); err != nil {
			t.Fatalf("%v\n%s", err, errs.String())
		}
		return out.String(), errs.String()
	}
	before, clean := review()
	if strings.Contains(before, "events.csv") || strings.Contains(clean, "EventsOnce") {
		t.Errorf("a clean events.csv is read again:\n%s", clean)
	}
	spoil("events.csv", 3, "name", "")
	got, msgs := review()
	if !strings.Contains(got, "events.csv") {
		t.Errorf("the review read again does not count the bad event row:\n%.2000s", got)
	}
	for _, want := range []string{"events.csv:3: column 3 (name): empty: events.csv cannot be read once only (Options.EventsOnce): reading " + dir + " again", "events.csv: 15395 rows read, 1 rejected", "order_lines.csv:2"} {
		if n := strings.Count(msgs, want); n < 1 {
			t.Errorf("stderr lacks %q:\n%s", want, msgs)
		}
	}
	if strings.Contains(msgs, "rejected rows: 1;") || !strings.Contains(msgs, "rejected rows: 2;") {
		t.Errorf("stderr does not say once that the review leaves out 2 rows (the bad order line and the bad event):\n%s", msgs)
	}
	seen := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(msgs), "\n") {
		if seen[l] {
			t.Errorf("stderr says twice %q:\n%s", l, msgs)
		}
		seen[l] = true
	}
}

// TestReadAgainStrict: with -strict, a bad events row is the command's
// error, exit status 3 (bad data), as before the command read events.csv
// once: then Dir's reading ahead stopped at the row before anything
// else was checked. Reading events.csv only with the review, the command
// met first the errors found between Dir and the review (an order dated
// in the future, a -period outside the data) and exited 1 with them; with
// -strict it now reads the directory again without EventsOnce on any
// error, and returns that reading's.
func TestReadAgainStrict(t *testing.T) {
	if testing.Short() {
		t.Skip("reviews a small store four times")
	}
	for _, c := range []struct {
		name  string
		args  []string
		spoil func(t *testing.T, dir string)
	}{
		{name: "period outside the data", args: []string{"-period", "2030-01"}},
		{name: "order in the future", spoil: func(t *testing.T, dir string) {
			spoil(t, dir, "order_lines.csv", "placed_at", 2, "2099-01-01T00:00:00+08:00")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := smallStore(t)
			if c.spoil != nil {
				c.spoil(t, dir)
			}
			spoil(t, dir, "events.csv", "name", 3, "")
			got := runMain(append([]string{"-data", dir, "-tz", "Asia/Shanghai", "-strict", "-format", "json"}, c.args...)...)
			if got.code != ExitBadData || !strings.Contains(got.errOut, "events.csv:3: column 3 (name): empty") || got.out != "" {
				t.Errorf("exit %d, want %d (bad data), stderr:\n%s", got.code, ExitBadData, got.errOut)
			}
		})
	}
}

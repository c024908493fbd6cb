package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report/render"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestDemoGolden runs the command on the default demo store and compares
// its output with the golden files: the README's first command, in both
// languages and the three document formats.
func TestDemoGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		for _, format := range []string{"md", "html", "json"} {
			var out, errs bytes.Buffer
			if err := run(context.Background(), []string{"-lang", lang, "-format", format}, &out, &errs); err != nil {
				t.Fatalf("%s %s: %v\n%s", lang, format, err, errs.String())
			}
			path := filepath.Join("testdata", "demo."+lang+"."+format)
			if *update {
				if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), out.String()); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
			}
		}
	}
}

func TestFlags(t *testing.T) {
	for _, args := range [][]string{{"-lang", "fr"}, {"-format", "pdf"}, {"-period", "2025-13"}, {"extra"}} {
		var out, errs bytes.Buffer
		if err := run(context.Background(), args, &out, &errs); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "r.txt")
	var out, errs bytes.Buffer
	if err := run(context.Background(), []string{"-format", "text", "-period", "2025-Q3", "-o", file}, &out, &errs); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(b), "2025-Q3") || out.Len() != 0 {
		t.Errorf("-o: %v, %d bytes on stdout, file:\n%.300s", err, out.Len(), b)
	}
}

// TestData writes a short demo store as CSV files, spoils two rows, and
// reviews the directory: the bad rows are reported with file and line and
// counted, and the review still comes.
func TestData(t *testing.T) {
	s := sample.Generate(sample.Config{Days: 70, Customers: 200, SKUs: 24})
	dir := t.TempDir()
	write := func(name string, f func(*os.File) error) {
		file, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer file.Close()
		if err := f(file); err != nil {
			t.Fatal(err)
		}
	}
	write("order_lines.csv", func(f *os.File) error { return storedata.WriteOrders(f, slices.Values(s.Orders)) })
	write("refunds.csv", func(f *os.File) error { return storedata.WriteRefunds(f, slices.Values(s.Refunds)) })
	write("spend.csv", func(f *os.File) error { return storedata.WriteSpend(f, slices.Values(s.Spend)) })
	write("tickets.csv", func(f *os.File) error { return storedata.WriteTickets(f, slices.Values(s.Tickets)) })
	// Spoil the quantity of the first order of a single line (row).
	path := filepath.Join(dir, "order_lines.csv")
	b, _ := os.ReadFile(path)
	lines := strings.Split(string(b), "\n")
	head := strings.Split(lines[0], ",")
	q, id := slices.Index(head, "quantity"), slices.Index(head, "order_id")
	rows := map[string]int{}
	for _, l := range lines[1:] {
		if cells := strings.Split(l, ","); len(cells) > id {
			rows[cells[id]]++
		}
	}
	spoilt := slices.IndexFunc(lines, func(l string) bool {
		cells := strings.Split(l, ",")
		return len(cells) > id && cells[id] != "order_id" && rows[cells[id]] == 1
	})
	cells := strings.Split(lines[spoilt], ",")
	cells[q] = "two"
	lines[spoilt] = strings.Join(cells, ",")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	if err := run(context.Background(), []string{"-data", dir, "-tz", "Asia/Shanghai"}, &out, &errs); err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	if !strings.Contains(errs.String(), "order_lines.csv") || !strings.Contains(errs.String(), fmt.Sprintf(":%d", spoilt+1)) ||
		!strings.Contains(errs.String(), "rejected rows: 1;") {
		t.Errorf("bad rows not reported:\n%s", errs.String())
	}
	if !strings.Contains(out.String(), "## 1. Overview") || !strings.Contains(out.String(), "Left out: no events.") {
		t.Errorf("review:\n%.2000s", out.String())
	}
}

// TestExportRoundTrip writes the demo store as CSV files with -export,
// reviews them with -data, and expects the demo review itself: the file
// format loses nothing the review uses. Only the store's name (the
// directory's) differs.
func TestExportRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("reviews the demo store twice")
	}
	dir := filepath.Join(t.TempDir(), "demo")
	var out, errs bytes.Buffer
	if err := run(context.Background(), []string{"-export", dir}, &out, &errs); err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	var demo, fromCSV bytes.Buffer
	if err := run(context.Background(), nil, &demo, &errs); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"-data", dir, "-tz", "Asia/Shanghai"}, &fromCSV, &errs); err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	if errs.Len() > 0 {
		t.Errorf("reading the exported files reported problems:\n%s", errs.String())
	}
	_, want, _ := strings.Cut(demo.String(), "\n")
	_, got, _ := strings.Cut(fromCSV.String(), "\n")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("review from the exported CSV files differs (-demo +csv):\n%s", diff)
	}
}

// TestPeriodOutsideData asks for periods that do not overlap the demo
// store's data (the default store covers 2024 and 2025; see sample.Config): the
// command must refuse them with an error naming the data's span instead
// of printing a review of zeros.
func TestPeriodOutsideData(t *testing.T) {
	for _, p := range []string{"2023-12", "2026-03", "2023-Q4"} {
		var out, errs bytes.Buffer
		err := run(context.Background(), []string{"-period", p}, &out, &errs)
		if err == nil || !strings.Contains(err.Error(), "outside the data") {
			t.Errorf("-period %s: err = %v, want an error saying the period is outside the data", p, err)
		}
		if out.Len() != 0 {
			t.Errorf("-period %s: printed %d bytes of review", p, out.Len())
		}
	}
}

// TestDefaultPeriodShortData checks the default period of data shorter
// than a calendar month: there is no whole month to review, and the month
// before the data would be all zeros, so the review covers the data's own
// days (here 2025-01-01..2025-01-20, 20 days).
func TestDefaultPeriodShortData(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	data, err := metrics.NewPeriod(time.Date(2025, 1, 1, 0, 0, 0, 0, loc), time.Date(2025, 1, 21, 0, 0, 0, 0, loc))
	if err != nil {
		t.Fatal(err)
	}
	got, err := reviewPeriod("", data)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Start.Equal(data.Start) || !got.End.Equal(data.End) {
		t.Errorf("default period of 20 days of data = %v (%v to %v), want the data's span %v to %v", got, got.Start, got.End, data.Start, data.End)
	}
	// With a whole month in the data, the default stays the last whole month.
	data.End = time.Date(2025, 2, 10, 0, 0, 0, 0, loc)
	if got, err := reviewPeriod("", data); err != nil || got != metrics.MonthOf(2025, time.January, loc) {
		t.Errorf("default period of 2025-01-01..2025-02-09 = %v, %v; want 2025-01", got, err)
	}
}

// TestDataDot reviews the current directory with -data .: the store is
// named after the directory, not ".".
func TestDataDot(t *testing.T) {
	s := sample.Generate(sample.Config{Days: 40, Customers: 50, SKUs: 12})
	dir := filepath.Join(t.TempDir(), "myshop")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "order_lines.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := storedata.WriteOrders(f, slices.Values(s.Orders)); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var out, errs bytes.Buffer
	if err := run(context.Background(), []string{"-data", "."}, &out, &errs); err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	if first, _, _ := strings.Cut(out.String(), "\n"); first != "# myshop — Store operations review" {
		t.Errorf("title %q, want the directory's name myshop", first)
	}
}

// TestDemoJSONRoundTrip decodes the demo review's JSON golden files with
// render.Decode and renders them again: a reporting tool that reads the
// JSON back gets the same review, byte for byte.
func TestDemoJSONRoundTrip(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		path := filepath.Join("testdata", "demo."+lang+".json")
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		r, l, err := render.Decode(bytes.NewReader(want))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var got bytes.Buffer
		if err := (render.JSON{Lang: l}).Render(&got, r); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), got.String()); diff != "" {
			t.Errorf("%s: decode → render (-want +got):\n%s", path, diff)
		}
	}
}

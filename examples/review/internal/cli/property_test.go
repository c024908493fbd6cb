package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/internal/sample"
)

// smallStore exports a small demo store (90 days, 300 customers, 20 SKUs)
// to a directory named "store" and returns it.
func smallStore(t interface {
	Helper()
	TempDir() string
	Fatal(...any)
}) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "store")
	// 2025-01-01 to 2025-03-31, which the tests' periods name (the
	// default demo starts in 2024).
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	s := sample.Generate(sample.Config{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, shanghai), Days: 90, Customers: 300, SKUs: 20})
	if err := exportStore(context.Background(), dir, s); err != nil {
		t.Fatal(err)
	}
	return dir
}

// reviewJSON runs the command on dir and returns its JSON review, decoded,
// with its notes apart, or the error.
func reviewJSON(dir string) (doc map[string]any, leftOut float64, err error) {
	var out, errs bytes.Buffer
	if err := run(context.Background(), []string{"-data", dir, "-tz", "Asia/Shanghai", "-format", "json"}, &out, &errs); err != nil {
		return nil, 0, err
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		return nil, 0, err
	}
	notes, _ := doc["notes"].([]any)
	for _, n := range notes {
		if v, ok := n.(map[string]any)["left_out"].(float64); ok {
			leftOut += v
		}
	}
	delete(doc, "notes")
	return doc, leftOut, nil
}

// negativeColumns are the numeric columns where a negative value is
// invalid data (quantities, prices, costs, amounts, scores, lead times).
var negativeColumns = []string{"quantity", "unit_price", "unit_cost", "line_discount", "order_discount", "shipping", "tax",
	"amount", "on_hand", "score", "lead_time_days", "fixed_cost", "media_cost"}

// TestPropOneBadRecord is issue 16's property over the whole review: one
// invalid record of any kind added to any file either fails the run with an
// error that locates it (its file, or an ID or value of its row), or leaves
// every number of the review unchanged and is counted on the page.
//
// The record added is a copy of a row of the file, under a new ID when the
// file's first column is an ID, made invalid by a control byte in one of its
// cells (every reader refuses NUL, ESC and invalid UTF-8), by a negative
// value in a column that must not be negative or by a missing cell; or an
// exact repeat of the row (except in events.csv, where two identical events
// are valid data).
func TestPropOneBadRecord(t *testing.T) {
	if testing.Short() {
		t.Skip("reviews a small store once per check")
	}
	base := smallStore(t)
	want, wantLeftOut, err := reviewJSON(base)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(base)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, e.Name())
	}
	slices.Sort(files)
	scratch := t.TempDir()
	n := 0
	rapid.Check(t, func(t *rapid.T) {
		file := rapid.SampledFrom(files).Draw(t, "file")
		b, err := os.ReadFile(filepath.Join(base, file))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(b), "\n")
		if lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
		if len(lines) < 2 {
			t.Skip("no rows")
		}
		header := strings.Split(strings.TrimRight(lines[0], "\r\n"), ",")
		i := rapid.IntRange(1, len(lines)-1).Draw(t, "row")
		row := strings.TrimRight(lines[i], "\r\n")
		if strings.Contains(row, `"`) {
			t.Skip("a quoted row: cells are not split at commas")
		}
		cells := strings.Split(row, ",")
		// Add the record after the last row of row i's record: an order or
		// refund spans consecutive rows, and a row put between them would
		// split it rather than add one.
		at := i + 1
		for at < len(lines) && strings.HasPrefix(lines[at], cells[0]+",") {
			at++
		}
		if strings.HasSuffix(header[0], "_id") || header[0] == "sku" {
			cells[0] = "ZZBAD0001" // a new record, not a part of an existing one
		}
		kinds := []string{"control byte", "missing cell"}
		if file != "events.csv" {
			kinds = append(kinds, "repeated row")
		}
		var neg []int
		for c, h := range header {
			if slices.Contains(negativeColumns, h) && c < len(cells) && cells[c] != "" && !strings.HasPrefix(cells[c], "-") {
				neg = append(neg, c)
			}
		}
		if len(neg) > 0 {
			kinds = append(kinds, "negative value")
		}
		kind := rapid.SampledFrom(kinds).Draw(t, "kind")
		bad := slices.Clone(cells)
		switch kind {
		case "control byte":
			c := rapid.IntRange(0, len(cells)-1).Draw(t, "column")
			bad[c] += rapid.SampledFrom([]string{"\x00", "\x1b", "\xff"}).Draw(t, "byte")
			lines = slices.Insert(lines, at, strings.Join(bad, ",")+"\n")
		case "missing cell":
			lines = slices.Insert(lines, at, strings.Join(bad[:len(bad)-1], ",")+"\n")
		case "repeated row":
			lines = slices.Insert(lines, i+1, row+"\n")
		case "negative value":
			c := rapid.SampledFrom(neg).Draw(t, "column")
			bad[c] = "-5"
			lines = slices.Insert(lines, at, strings.Join(bad, ",")+"\n")
		}
		n++
		dir := filepath.Join(scratch, strconv.Itoa(n), "store") // the same name: the title is the directory's
		if err := os.CopyFS(dir, os.DirFS(base)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, file), []byte(strings.Join(lines, "")), 0o644); err != nil {
			t.Fatal(err)
		}
		got, leftOut, err := reviewJSON(dir)
		if err != nil {
			msg := err.Error()
			located := strings.Contains(msg, file) || strings.Contains(msg, "ZZBAD0001")
			for _, c := range cells {
				if len(c) >= 4 && strings.Contains(msg, c) {
					located = true
				}
			}
			if !located {
				t.Fatalf("%s line %d, %s: the error does not locate the record: %v", file, i+1, kind, err)
			}
			return
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s line %d, %s: the review changed without an error (-want +got):\n%s", file, i+1, kind, diff)
		}
		if leftOut <= wantLeftOut {
			t.Fatalf("%s line %d, %s: the review is unchanged but does not count the record left out (left out %v, before %v)",
				file, i+1, kind, leftOut, wantLeftOut)
		}
	})
}

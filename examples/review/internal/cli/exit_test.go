package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// mainResult is what Main gave: its exit status and its two streams.
type mainResult struct {
	code        int
	out, errOut string
}

func runMain(args ...string) mainResult {
	var out, errs bytes.Buffer
	code := Main(args, &out, &errs)
	return mainResult{code, out.String(), errs.String()}
}

// spoil rewrites column col of line n (from 1, the header) of file in dir.
func spoil(t *testing.T, dir, file, col string, n int, value string) {
	t.Helper()
	path := filepath.Join(dir, file)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	i := -1
	for j, h := range strings.Split(lines[0], ",") {
		if h == col {
			i = j
		}
	}
	if i < 0 {
		t.Fatalf("%s has no column %s: %q", file, col, lines[0])
	}
	cells := strings.Split(lines[n-1], ",")
	cells[i] = value
	lines[n-1] = strings.Join(cells, ",")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestExitStatus runs the command through Main, as the two mains do, and
// checks the documented exit statuses and which stream says what.
func TestExitStatus(t *testing.T) {
	store := smallStore(t)
	spoiled := smallStore(t)
	spoil(t, spoiled, "order_lines.csv", "quantity", 3, "two")
	renamed := smallStore(t)
	b, err := os.ReadFile(filepath.Join(renamed, "order_lines.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(renamed, "order_lines.csv"), bytes.Replace(b, []byte("order_id"), []byte("Order ID"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	mapping := filepath.Join(t.TempDir(), "map.json")
	if err := os.WriteFile(mapping, []byte(`{"columns": {"order_lines": {"Order ID": "order_id"}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	badMapping := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(badMapping, []byte(`{"columns": {"orders": {"Order ID": "order_id"}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		reason string
		args   []string
		code   int
		out    string // in stdout ("" for nothing)
		errOut string // in stderr ("" for nothing)
	}{
		{"a store's files", []string{"-data", store, "-tz", "Asia/Shanghai"}, ExitOK, "# store — Store operations review", ""},
		{"-h prints the usage on stdout", []string{"-h"}, ExitOK, "Exit status:", ""},
		{"a bad flag", []string{"-lang", "fr"}, ExitUsage, "", "shopreview: -lang: \"fr\" is not a language: want en or zh\nRun shopreview -h for the flags.\n"},
		{"an unknown flag", []string{"-stor", "x"}, ExitUsage, "", "-stor"},
		{"an argument", []string{store}, ExitUsage, "", "unexpected arguments"},
		{"-db, a server that does not answer", []string{"-db", "postgres://postgres@127.0.0.1:1/x?connect_timeout=2&sslmode=disable"}, ExitFailed, "", "-db: cannot reach the database"},
		{"a missing directory", []string{"-data", filepath.Join(store, "nope")}, ExitFailed, "", "shopreview: -data "},
		{"a file, not a directory", []string{"-data", notDir}, ExitFailed, "", "not a directory"},
		{"a directory without orders", []string{"-data", t.TempDir()}, ExitFailed, "", "no order_lines.csv"},
		{"a period outside the data", []string{"-data", store, "-tz", "Asia/Shanghai", "-period", "2024-03"}, ExitFailed, "", "-period 2024-03 is outside the data"},
		{"a comparison outside the data", []string{"-data", store, "-tz", "Asia/Shanghai", "-compare", "2023-01"}, ExitFailed, "", "-compare 2023-01 is outside the data"},
		{"a column named otherwise", []string{"-data", renamed, "-tz", "Asia/Shanghai"}, ExitFailed, "", "missing column: order_id (if your export names it otherwise, map the names with -map FILE)"},
		{"a column named otherwise, mapped with -map", []string{"-data", renamed, "-tz", "Asia/Shanghai", "-map", mapping}, ExitOK, "## 1. Overview", ""},
		{"a mapping file that names no kind of file", []string{"-data", renamed, "-tz", "Asia/Shanghai", "-map", badMapping}, ExitUsage, "", "-map"},
		{"a bad row, lenient: written and counted", []string{"-data", spoiled, "-tz", "Asia/Shanghai"}, ExitOK, "## 1. Overview", "order_lines.csv:3"},
		{"a bad row, -strict: refused", []string{"-data", spoiled, "-tz", "Asia/Shanghai", "-strict"}, ExitBadData, "", "order_lines.csv:3"},
	} {
		got := runMain(c.args...)
		if got.code != c.code {
			t.Errorf("%s: exit status %d, want %d\nstderr: %s", c.reason, got.code, c.code, got.errOut)
		}
		for _, s := range []struct{ name, got, want string }{{"stdout", got.out, c.out}, {"stderr", got.errOut, c.errOut}} {
			if s.want == "" && s.got != "" && (s.name == "stdout" || c.code != ExitOK) {
				t.Errorf("%s: %s holds %.300q, want nothing", c.reason, s.name, s.got)
			}
			if !strings.Contains(s.got, s.want) {
				t.Errorf("%s: %s %.600q does not hold %q", c.reason, s.name, s.got, s.want)
			}
		}
	}
}

// TestExitStatusDemo: the README's first command, with no set-up, prints
// the demo review and exits 0; -strict accepts the demo store, whose data
// has no problem.
func TestExitStatusDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("reviews the demo store")
	}
	for _, args := range [][]string{nil, {"-strict", "-format", "text"}} {
		got := runMain(args...)
		if got.code != ExitOK || got.errOut != "" || !strings.HasPrefix(got.out, "Demo store 演示店铺") && !strings.HasPrefix(got.out, "# Demo store 演示店铺") {
			t.Errorf("%q: exit %d, stderr %q, stdout %.200q", args, got.code, got.errOut, got.out)
		}
	}
}

// TestStrictBadRecord: an inventory snapshot with a negative on hand is
// left out and counted without -strict; with -strict the review is
// refused with exit status 3 and an error naming the SKU.
func TestStrictBadRecord(t *testing.T) {
	dir := smallStore(t)
	spoil(t, dir, "inventory.csv", "on_hand", 2, "-3")
	lenient := runMain("-data", dir, "-tz", "Asia/Shanghai", "-period", "2025-02")
	if lenient.code != ExitOK {
		t.Fatalf("without -strict: exit %d\n%s", lenient.code, lenient.errOut)
	}
	strict := runMain("-data", dir, "-tz", "Asia/Shanghai", "-period", "2025-02", "-strict")
	if strict.code != ExitBadData || strict.out != "" || !strings.Contains(strict.errOut, "-3") {
		t.Errorf("-strict: exit %d, %d bytes of review, stderr %.500q; want exit 3 and the bad snapshot", strict.code, len(strict.out), strict.errOut)
	}
}

// TestMixedCurrencyMessage: the error of a store in several currencies
// names the -currency flag and the currencies, never the library's
// Config.Currency.
func TestMixedCurrencyMessage(t *testing.T) {
	cny, usd, eur := money.MustCurrency("CNY"), money.MustCurrency("USD"), money.MustCurrency("EUR")
	err := &report.MixedCurrencyError{Want: cny,
		Orders: map[money.Currency]int64{usd: 2, eur: 1},
		First:  map[money.Currency][]string{usd: {"o7", "o9"}, eur: {"o8"}}}
	got := userError(err, &options{}).Error()
	want := "the store has orders in CNY, EUR and USD (1 in EUR, first o8; 2 in USD, first o7, o9; the others in CNY, the first order's): " +
		"a review is in one currency: choose it with -currency CNY, -currency EUR or -currency USD; " +
		"the orders in the others are then left out and counted on the page"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	var back *report.MixedCurrencyError
	if e := userError(err, &options{}); !errors.As(e, &back) || back != err {
		t.Errorf("the translated error does not wrap the library's")
	}
}

// TestMixedCurrencyExit: the first order of a CNY store's files in USD:
// exit 1 with the -currency message; -currency cny then reviews the
// store.
func TestMixedCurrencyExit(t *testing.T) {
	dir := smallStore(t)
	spoil(t, dir, "order_lines.csv", "currency", 2, "USD") // the first order's first line: USD is the first currency
	got := runMain("-data", dir, "-tz", "Asia/Shanghai")
	if got.code != ExitFailed || !strings.Contains(got.errOut, "choose it with -currency USD or -currency CNY") || strings.Contains(got.errOut, "Config.") {
		t.Errorf("exit %d, stderr %.500q; want 1 and a message naming -currency CNY, not Config.Currency", got.code, got.errOut)
	}
	if got := runMain("-data", dir, "-tz", "Asia/Shanghai", "-currency", "cny"); got.code != ExitOK {
		t.Errorf("-currency cny: exit %d\n%s", got.code, got.errOut)
	}
}

// TestStepsMessage: a funnel configuration error of the library, about
// Config.Steps, becomes a -steps message.
func TestStepsMessage(t *testing.T) {
	err := &metrics.ConfigError{Pkg: "funnel", Field: "Config.Steps[1].Name", Problem: "step 2 has no name"}
	got := userError(err, &options{steps: []string{"view", ""}}).Error()
	if got != "-steps view,: step 2 has no name" {
		t.Errorf("got %q", got)
	}
}

// reviewDoc runs the command with args and -format json, and decodes the
// review.
func reviewDoc(t *testing.T, args ...string) map[string]any {
	t.Helper()
	got := runMain(append(args, "-format", "json")...)
	if got.code != ExitOK {
		t.Fatalf("%q: exit %d\n%s", args, got.code, got.errOut)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(got.out), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// kpis returns the overview's KPIs by key: field ("current" or
// "year_ago") of each.
func kpis(doc map[string]any, field string) map[string]any {
	m := map[string]any{}
	for _, k := range doc["sections"].(map[string]any)["overview"].(map[string]any)["kpis"].([]any) {
		k := k.(map[string]any)
		m[k["key"].(string)] = k[field]
	}
	return m
}

// TestCompareFlag reviews February against January with -compare: the
// year-ago column holds January's figures, the current ones of the
// January review, and the header's year_ago is January.
func TestCompareFlag(t *testing.T) {
	dir := smallStore(t) // 2025-01-01 to 2025-03-31
	base := []string{"-data", dir, "-tz", "Asia/Shanghai"}
	feb := reviewDoc(t, append(base, "-period", "2025-02", "-compare", "2025-01")...)
	jan := reviewDoc(t, append(base, "-period", "2025-01")...)
	if label := feb["year_ago"].(map[string]any)["label"]; label != "2025-01" {
		t.Errorf("year_ago %v, want 2025-01", label)
	}
	want, got := kpis(jan, "current"), kpis(feb, "year_ago")
	for k := range got { // KPIs the January review does not show (LTV: no history before it) are n/a
		if _, ok := want[k]; !ok {
			if got[k].(map[string]any)["defined"] != false {
				t.Errorf("%s: %v compared with January, which does not show it", k, got[k])
			}
			delete(got, k)
		}
	}
	if want["net_sales"].(map[string]any)["defined"] != true {
		t.Fatalf("January's net sales undefined: %v", want["net_sales"])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("year-ago column of February -compare 2025-01 vs January's review (-january +compared):\n%s", diff)
	}
}

// TestStoreAndSteps: -store names the title; -steps sets the funnel's
// steps, in order.
func TestStoreAndSteps(t *testing.T) {
	dir := smallStore(t)
	doc := reviewDoc(t, "-data", dir, "-tz", "Asia/Shanghai", "-store", "Tmall 旗舰店", "-steps", "page_view,purchase")
	if doc["store"] != "Tmall 旗舰店" {
		t.Errorf("store %v", doc["store"])
	}
	var names []string
	for _, s := range doc["sections"].(map[string]any)["traffic"].(map[string]any)["funnel"].([]any) {
		names = append(names, s.(map[string]any)["name"].(string))
	}
	if diff := cmp.Diff([]string{"page_view", "purchase"}, names); diff != "" {
		t.Errorf("funnel steps (-want +got):\n%s", diff)
	}
}

// TestInstallName builds the install path, as go install does, and checks
// that the binary is named shopreview and runs: -h exits 0 with the
// usage.
func TestInstallName(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	bin := t.TempDir()
	build := exec.Command(goCmd, "build", "-o", bin+string(filepath.Separator), "github.com/shopmetrics/shopmetrics/examples/review/shopreview")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	name := "shopreview"
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	entries, err := os.ReadDir(bin)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != name {
		t.Fatalf("go build -o %s/ wrote %v, want one binary %s", bin, entries, name)
	}
	out, err := exec.Command(filepath.Join(bin, name), "-h").Output()
	if err != nil || !strings.HasPrefix(string(out), "Usage: shopreview [flags]") {
		t.Errorf("shopreview -h: %v\n%.300s", err, out)
	}
	cmd := exec.Command(filepath.Join(bin, name), "-format", "pdf")
	if err := cmd.Run(); cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != ExitUsage {
		t.Errorf("shopreview -format pdf: %v, want exit status %d", err, ExitUsage)
	}
}

// TestValidationMessages: the review's validation errors name the column
// of the data files, not the Go field, and still wrap the library's
// error; a joined error is translated error by error.
func TestValidationMessages(t *testing.T) {
	for _, c := range []struct {
		err  *metrics.ValidationError
		want string
	}{
		{&metrics.ValidationError{OrderID: "NOPE", RefundID: "R9", Field: "OrderID", Problem: "unknown order"},
			`refunds.csv: refund "R9" of order "NOPE": order_id: unknown order`},
		{&metrics.ValidationError{OrderID: "O1", Field: "Lines[1].Quantity", Problem: "quantity 0 is not positive"},
			`order_lines.csv: order "O1": line 2 of the order, quantity: quantity 0 is not positive`},
		{&metrics.ValidationError{OrderID: "O1", RefundID: "R1", Field: "Lines[0].SKU", Problem: `SKU "X" is not in the order`},
			`refunds.csv: refund "R1" of order "O1": line 1 of the refund, sku: SKU "X" is not in the order`},
		{&metrics.ValidationError{OrderID: "O1", Field: "PlacedAt", Problem: "no time"},
			`order_lines.csv: order "O1": placed_at: no time`},
		{&metrics.ValidationError{OrderID: "O1", Field: "", Problem: "duplicate order ID"},
			`order_lines.csv: order "O1": duplicate order ID`},
		{&metrics.ValidationError{OrderID: "O1", Field: "Lines[x].Quantity", Problem: "p"},
			`order_lines.csv: order "O1": Lines[x].Quantity: p`}, // not a field the reader writes: as it is
	} {
		joined := errors.Join(errors.New("other"), c.err)
		got := userError(joined, &options{data: "shop"})
		if !strings.Contains(got.Error(), "other\n"+c.want) {
			t.Errorf("%v:\ngot  %q\nwant %q", c.err, got, "other\n"+c.want)
		}
		var back *metrics.ValidationError
		if !errors.As(got, &back) || back != c.err {
			t.Errorf("%v: the translation does not wrap the library's error", c.err)
		}
	}
	// Without -data there are no files to name.
	e := &metrics.ValidationError{OrderID: "NOPE", RefundID: "R9", Field: "OrderID", Problem: "unknown order"}
	if got := userError(e, &options{}).Error(); got != `refund "R9" of order "NOPE": order_id: unknown order` {
		t.Errorf("demo store: %q", got)
	}
}

// TestStrictUnknownRefund: a refund of an order not in the files is left
// out and counted; with -strict it is refused with exit status 3 and a
// message naming refunds.csv and its order_id column.
func TestStrictUnknownRefund(t *testing.T) {
	dir := smallStore(t)
	f, err := os.OpenFile(filepath.Join(dir, "refunds.csv"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("R9999,NOPE,2025-02-10T10:00:00+08:00,CNY,10.00,other,,,\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	args := []string{"-data", dir, "-tz", "Asia/Shanghai", "-period", "2025-02"}
	if got := runMain(args...); got.code != ExitOK || !strings.Contains(got.out, "Refunds of orders not in the data (1)") {
		t.Errorf("without -strict: exit %d, stderr %q; want 0 and the refund counted on the page", got.code, got.errOut)
	}
	got := runMain(append(args, "-strict")...)
	want := "shopreview: refunds.csv: refund \"R9999\" of order \"NOPE\": order_id: unknown order"
	if got.code != ExitBadData || !strings.HasPrefix(got.errOut, want) {
		t.Errorf("-strict: exit %d, stderr %q; want 3 and %q", got.code, got.errOut, want)
	}
}

// TestOutputFile: -o writes the review to a file and nothing to stdout;
// a missing directory is an error naming -o and the user's path, and
// leaves no file.
func TestOutputFile(t *testing.T) {
	dir := smallStore(t)
	out := filepath.Join(t.TempDir(), "r.md")
	if got := runMain("-data", dir, "-tz", "Asia/Shanghai", "-o", out); got.code != ExitOK || got.out != "" {
		t.Fatalf("exit %d, %d bytes on stdout, stderr %q", got.code, len(got.out), got.errOut)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "# store — Store operations review") {
		t.Errorf("%s: %v, %.100q", out, err, b)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("%s holds %d files, want only r.md (no temporary file left)", filepath.Dir(out), len(entries))
	}
	missing := filepath.Join(t.TempDir(), "no", "r.md")
	got := runMain("-data", dir, "-tz", "Asia/Shanghai", "-o", missing)
	if want := "shopreview: -o " + missing + ": no such file or directory\n"; got.code != ExitFailed || got.errOut != want {
		t.Errorf("exit %d, stderr %q; want 1 and %q", got.code, got.errOut, want)
	}
}

// TestBuildError checks that a build's error and its source's stream
// error are both said, once each, the stream's first, except where the
// command reads again (ErrEventsOnce).
func TestBuildError(t *testing.T) {
	done, cancel := context.WithCancel(context.Background())
	cancel()
	read := errors.New("storedata: events.csv: read: input/output error")
	once := fmt.Errorf("storedata: events.csv:5: an event earlier than the one before it: %w", storedata.ErrEventsOnce)
	noData := errors.New("report: no order in the period")
	stopped := fmt.Errorf("storedata: orders.csv: %w", context.Canceled)
	for _, c := range []struct {
		name      string
		ctx       context.Context
		err, serr error
		want      string
	}{
		{"neither", context.Background(), nil, nil, ""},
		{"build only", context.Background(), noData, nil, noData.Error()},
		{"stream only", context.Background(), nil, read, read.Error()},
		{"both", context.Background(), noData, read, read.Error() + "\n" + noData.Error()},
		{"the stream's own", context.Background(), fmt.Errorf("report: %w", read), read, "report: " + read.Error()},
		{"read once", context.Background(), noData, once, once.Error()},
		{"cancelled", done, context.Canceled, stopped, stopped.Error()},
		{"cancelled build, other stream error", done, context.Canceled, read, read.Error() + "\n" + context.Canceled.Error()},
	} {
		got := ""
		if err := buildError(c.ctx, c.err, c.serr); err != nil {
			got = err.Error()
			for _, e := range []error{c.err, c.serr} {
				if e != nil && !errors.Is(err, e) && !errors.Is(c.serr, storedata.ErrEventsOnce) {
					t.Errorf("%s: %q does not wrap %q", c.name, got, e)
				}
			}
		}
		if got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

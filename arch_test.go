package shopmetrics_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/shopmetrics/shopmetrics"

// The floors of the module, lowest first. A package may import packages of
// lower floors, never of its own floor or a higher one, except for the
// edges in sideways. Paths are relative to the module; a trailing "/..."
// takes a folder and everything under it.
var floors = []struct {
	name  string
	paths []string
}{
	// What the operating system and the processor are asked for memory
	// (huge pages, cache lines loaded ahead), under the tables of the
	// kernel.
	{"system", []string{"internal/hugepage", "internal/prefetch"}},
	{"kernel", []string{"internal/wire", "internal/wiretest", "internal/fdr", "internal/civil", "internal/quantile", "internal/fisher", "internal/intmath", "internal/probe", "internal/chunked", "internal/cputime", "internal/progress"}},
	{"money", []string{"metrics/money"}},
	{"money wire", []string{"internal/moneywire"}}, // the binary form of money totals, shared by the accumulators' encodings
	{"metrics", []string{"metrics"}},
	// The harness's orders for the tests of metrics and cohort; test-only
	// (TestArchitecture rejects an import of it from non-test code).
	{"peers data", []string{"internal/peerdata"}},
	{"analyses", []string{"funnel/...", "cohort/...", "promo/...", "inventory/...", "metrics/service", "metrics/forecast", "metrics/fulfilment",
		"metrics/profile", "metrics/loyalty", "metrics/market", "metrics/category"}},
	{"adapters", []string{"internal/sample"}},
	{"report", []string{"report"}},
	// The periods whose events' properties a reader looks up
	// (Options.PropsWithin), shared by the directory and database readers.
	{"read spans", []string{"report/storedata/internal/spans"}},
	{"sources", []string{"report/storedata"}},
	// The CSV reader of other systems' exports, shared by the adapters.
	{"export readers", []string{"report/storedata/internal/..."}},
	// The adapters of real exports and the database source read with
	// storedata's error types and options, so they sit just above it.
	{"exports", []string{"report/storedata/..."}},
	{"render", []string{"report/render/..."}},
	{"command", []string{"examples/review/internal/cli"}},            // the review command, under its two mains
	{"examples", []string{"examples/...", "internal/peers/...", ""}}, // internal/peers: the side-by-side harness's peer command
}

// sideways lists the edges allowed inside one floor.
var sideways = map[[2]string]bool{
	{"cohort/clv", "cohort"}:                true, // the CLV models read cohort's per-customer summaries
	{"inventory/supplier", "inventory"}:     true, // the supplier ledger reads inventory's receipts and snapshots and gives its lead times
	{"promo/campaign", "promo"}:             true, // CRM campaigns give promotions' verdict (promo.Outcome)
	{"report/render/xlsx", "report/render"}: true, // the Excel workbook uses render's names and number formatting
	{"funnel/detail", "funnel"}:             true, // detail-page conversion reads funnel's events, errors and z-test
}

// floorOf returns the floor of a module-relative path, or -1.
func floorOf(rel string) int {
	best, bestLen := -1, -1
	for i, f := range floors {
		for _, p := range f.paths {
			pre, all := strings.CutSuffix(p, "/...")
			match := rel == pre || all && strings.HasPrefix(rel, pre+"/")
			if match && len(pre) > bestLen {
				best, bestLen = i, len(pre)
			}
		}
	}
	return best
}

type listed struct {
	ImportPath string
	Imports    []string
}

// TestArchitecture reads the import graph of the module's non-test code
// with go list and fails on any edge outside the tower
// kernel → money → money wire → metrics → peers data → analyses →
// adapters → report → read spans → sources → export readers → exports →
// render → command → examples, and on any import of the test-only peers
// data.
func TestArchitecture(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command:", err)
	}
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports", module+"/...").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	var pkgs []listed
	for {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d packages; want the whole module", len(pkgs))
	}
	var bad []string
	for _, p := range pkgs {
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		from := floorOf(rel)
		if from < 0 {
			bad = append(bad, rel+": on no floor (add it to floors in arch_test.go)")
			continue
		}
		for _, imp := range p.Imports {
			if imp != module && !strings.HasPrefix(imp, module+"/") {
				continue
			}
			if imp == module+"/internal/peerdata" {
				bad = append(bad, rel+" → internal/peerdata: it is for tests only")
				continue
			}
			to := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
			f := floorOf(to)
			switch {
			case f < 0:
				bad = append(bad, rel+" → "+to+": "+to+" is on no floor")
			case f < from || sideways[[2]string{rel, to}]:
			default:
				bad = append(bad, rel+" ("+floors[from].name+") → "+to+" ("+floors[f].name+")")
			}
		}
	}
	slices.Sort(bad)
	for _, b := range bad {
		t.Error("import outside the tower: " + b)
	}
}

// TestFloorOf checks the floor assignment the architecture test relies on,
// so that a typo in floors cannot pass every edge.
func TestFloorOf(t *testing.T) {
	for _, c := range []struct {
		rel  string
		want string
	}{
		{"", "examples"},
		{"metrics/money", "money"},
		{"metrics", "metrics"},
		{"metrics/service", "analyses"},
		{"cohort/clv", "analyses"},
		{"internal/civil", "kernel"},
		{"internal/sample", "adapters"},
		{"internal/peerdata", "peers data"},
		{"report/storedata", "sources"},
		{"report/storedata/postgres", "exports"},
		{"report/storedata/internal/csvtable", "export readers"},
		{"report/storedata/rees46", "exports"},
		{"report", "report"},
		{"report/render", "render"},
		{"examples/review", "examples"},
		{"examples/review/internal/cli", "command"},
		{"examples/review/shopreview", "examples"},
	} {
		f := floorOf(c.rel)
		if f < 0 || floors[f].name != c.want {
			got := "none"
			if f >= 0 {
				got = floors[f].name
			}
			t.Errorf("floorOf(%q) = %s, want %s", c.rel, got, c.want)
		}
	}
	if f := floorOf("reporting"); f >= 0 {
		t.Errorf("floorOf(%q) = %s, want none", "reporting", floors[f].name)
	}
}

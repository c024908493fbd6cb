package cli

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// parsed is what a test compares of the options: the flags as a person
// reads them.
type parsed struct {
	Lang, Format, Out, Store, Period, Compare string
	Seed                                      uint64
	Data, Map, DB, TZ, Export, Currency       string
	Steps                                     []string
	Strict                                    bool
}

func view(o *options) parsed {
	p := parsed{Lang: o.lang.String(), Format: o.format, Out: o.out, Store: o.store, Period: o.period, Compare: o.compare,
		Seed: o.seed, Data: o.data, Map: o.mapFile, DB: o.db, Export: o.export, Steps: o.steps, Strict: o.strict}
	if o.loc != nil {
		p.TZ = o.loc.String()
	}
	if !o.currency.IsZero() {
		p.Currency = o.currency.Code()
	}
	return p
}

// defaults are the options of an empty command line: the demo store, in
// Markdown and English.
var defaults = parsed{Lang: "en", Format: "md", Seed: 1}

func with(f func(*parsed)) parsed {
	p := defaults
	f(&p)
	return p
}

func TestParseFlags(t *testing.T) {
	for _, c := range []struct {
		reason string
		args   string
		want   parsed
	}{
		{"no flags: the demo store", "", defaults},
		{"the documented example", "-lang zh -format html -o review.html",
			with(func(p *parsed) { p.Lang, p.Format, p.Out = "zh-CN", "html", "review.html" })},
		{"a store's own data", "-data shop -tz Asia/Shanghai -map cols.json -strict",
			with(func(p *parsed) { p.Data, p.TZ, p.Map, p.Strict = "shop", "Asia/Shanghai", "cols.json", true })},
		{"a database", "-db postgres://localhost/shop -store Shop", with(func(p *parsed) { p.DB, p.Store = "postgres://localhost/shop", "Shop" })},
		{"last year's 11.11", "-period 2025-11-11 -compare 2024-11-11",
			with(func(p *parsed) { p.Period, p.Compare = "2025-11-11", "2024-11-11" })},
		{"a range compared with a range", "-period 2025-11-01..2025-11-11 -compare 2024-11-01..2024-11-11",
			with(func(p *parsed) { p.Period, p.Compare = "2025-11-01..2025-11-11", "2024-11-01..2024-11-11" })},
		{"lower-case currency", "-currency usd", with(func(p *parsed) { p.Currency = "USD" })},
		{"steps with spaces around the names", "-steps=view,%20cart,purchase", with(func(p *parsed) { p.Steps = []string{"view", "cart", "purchase"} })},
		{"flags with two dashes and =", "--format=json --seed=7", with(func(p *parsed) { p.Format, p.Seed = "json", 7 })},
		{"the store name is the whole argument", "-store=Tmall%20旗舰店", with(func(p *parsed) { p.Store = "Tmall 旗舰店" })},
	} {
		o, err := parseFlags(fields(c.args), &bytes.Buffer{})
		if err != nil {
			t.Errorf("%s: %q: %v", c.reason, c.args, err)
			continue
		}
		if diff := cmp.Diff(c.want, view(o)); diff != "" {
			t.Errorf("%s: %q (-want +got):\n%s", c.reason, c.args, diff)
		}
	}
}

// fields splits a test's command line at spaces; %20 is a space inside an
// argument.
func fields(s string) []string {
	f := strings.Fields(s)
	for i := range f {
		f[i] = strings.ReplaceAll(f[i], "%20", " ")
	}
	return f
}

// TestParseFlagsErrors: each refused command line is a *UsageError naming
// the flag to fix, and its message says what the flag accepts.
func TestParseFlagsErrors(t *testing.T) {
	for _, c := range []struct {
		args, flag, says string
	}{
		{"-lang fr", "-lang", "want en or zh"},
		{"-format pdf", "-format", "want md, html, json, text or xlsx"},
		{"-period 2025-13", "-period", "a month 2025-11"},
		{"-period 2025-02-29", "-period", "not a period"},
		{"-compare 11.11", "-compare", "not a period"},
		{"-period 2025-11 -compare 2025-11", "-compare", "is the period reviewed"},
		{"-currency RMB", "-currency", "ISO 4217"},
		{"-tz Mars/Base", "-tz", "Asia/Shanghai"},
		{"-steps view", "-steps", "2 to 32 steps"},
		{"-steps view,,purchase", "-steps", "step 2"},
		{"-data a -db b", "-db", "give one"},
		{"-map m.json", "-map", "give -data too"},
		{"-export out -data in", "-export", "leave out -data"},
		{"-tz Asia/Shanghai", "-tz", "the demo store has its own"},
		{"-data d -seed 2", "-seed", "leave it out with -data"},
		{"review.csv", "", "unexpected arguments"},
		{"-seed -1", "", "invalid value"},
		{"-nope", "", "not defined: -nope"},
		{"-o", "", "needs an argument: -o"},
	} {
		o, err := parseFlags(fields(c.args), &bytes.Buffer{})
		var ue *UsageError
		if !errors.As(err, &ue) || o != nil {
			t.Errorf("%q: %v (%T), options %v; want a *UsageError", c.args, err, err, o)
			continue
		}
		if ue.Flag != c.flag || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%q: flag %q, %q; want flag %q and a message saying %q", c.args, ue.Flag, err, c.flag, c.says)
		}
		if c.flag != "" && !strings.HasPrefix(err.Error(), c.flag+": ") {
			t.Errorf("%q: %q does not start with the flag", c.args, err)
		}
	}
}

// TestHelp: -h and -help print the usage (golden file testdata/usage.txt)
// on the writer given, and are flag.ErrHelp.
func TestHelp(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		var help bytes.Buffer
		_, err := parseFlags([]string{arg}, &help)
		if !errors.Is(err, flag.ErrHelp) {
			t.Fatalf("%s: %v, want flag.ErrHelp", arg, err)
		}
		golden(t, "usage.txt", help.Bytes())
	}
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// TestUsageListsEveryFlag: every flag the command defines is in one group
// of the usage, once, and the group lists no flag that does not exist.
func TestUsageListsEveryFlag(t *testing.T) {
	fs, _ := newFlagSet()
	seen := map[string]int{}
	for _, g := range flagGroups {
		for _, name := range g.names {
			if fs.Lookup(name) == nil {
				t.Errorf("group %q lists -%s, which is not a flag", g.title, name)
			}
			seen[name]++
		}
	}
	fs.VisitAll(func(f *flag.Flag) {
		if seen[f.Name] != 1 {
			t.Errorf("-%s is in %d groups of the usage, want 1", f.Name, seen[f.Name])
		}
	})
}

// TestCommandDoc: the installed command's doc comment (go doc
// .../shopreview) lists every flag and every exit status of the usage.
func TestCommandDoc(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "shopreview", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	fs, _ := newFlagSet()
	fs.VisitAll(func(f *flag.Flag) {
		if !regexp.MustCompile(`(?m)^//\s+-` + f.Name + `\b`).MatchString(doc) {
			t.Errorf("shopreview's doc does not list -%s", f.Name)
		}
	})
	for _, code := range []int{ExitOK, ExitFailed, ExitUsage, ExitBadData, ExitInterrupted} {
		if !regexp.MustCompile(`(?m)^//\s+` + strconv.Itoa(code) + `\s+\S`).MatchString(doc) {
			t.Errorf("shopreview's doc does not list exit status %d", code)
		}
	}
}

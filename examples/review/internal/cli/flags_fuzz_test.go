package cli

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
)

// FuzzFlags feeds the command's flag parser arbitrary command lines. It
// must never panic; a line it accepts has a renderer, a time zone and a
// period that parses, and one it refuses says which flag or argument is
// wrong.
func FuzzFlags(f *testing.F) {
	for _, s := range []string{"", "-lang zh -format html", "-period 2025-Q4", "-period 2025-11-01..2025-11-15 -tz Asia/Shanghai",
		"-currency usd", "-currency XXX", "-tz ../../etc/passwd", "-lang fr", "-format pdf", "-seed -1", "-h", "extra", "-period 2025-W53",
		"-period 2025-02-29", "-o", "-data"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Fields(line)
		o, err := parseFlags(args, io.Discard)
		if err != nil {
			if o != nil {
				t.Fatalf("%q: options %+v with error %v", line, o, err)
			}
			if err.Error() == "" {
				t.Fatalf("%q: empty error", line)
			}
			return
		}
		if o.render == nil || o.loc == nil {
			t.Fatalf("%q: accepted without a renderer or a zone: %+v", line, o)
		}
	})
}

// TestHelp: -h prints the usage with every flag and is flag.ErrHelp, which
// main turns into exit status 0.
func TestHelp(t *testing.T) {
	var errs strings.Builder
	_, err := parseFlags([]string{"-h"}, &errs)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("-h: %v, want flag.ErrHelp", err)
	}
	for _, name := range []string{"-lang", "-format", "-period", "-data", "-tz", "-currency", "-export", "-o", "-seed"} {
		if !strings.Contains(errs.String(), name) {
			t.Errorf("usage does not list %s:\n%s", name, errs.String())
		}
	}
}

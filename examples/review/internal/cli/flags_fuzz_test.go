package cli

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
)

// FuzzFlags feeds the command's flag parser arbitrary command lines. It
// must never panic; a line it accepts has a renderer and no one-step
// funnel; a line it refuses gives -h's flag.ErrHelp or a
// *UsageError whose message starts with the flag it names.
func FuzzFlags(f *testing.F) {
	for _, s := range []string{"", "-lang zh -format html", "-period 2025-Q4", "-period 2025-11-01..2025-11-15 -tz Asia/Shanghai",
		"-currency usd", "-currency XXX", "-tz ../../etc/passwd", "-lang fr", "-format pdf", "-seed -1", "-h", "extra", "-period 2025-W53",
		"-period 2025-02-29", "-o", "-data", "-period 2025-11-11 -compare 2024-11-11", "-compare 2025-11 -period 2025-11",
		"-steps view,cart,purchase", "-steps ,", "-data d -map m.json", "-db x -data y", "-strict -store S"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Fields(line)
		o, err := parseFlags(args, io.Discard)
		if err != nil {
			if o != nil {
				t.Fatalf("%q: options %+v with error %v", line, o, err)
			}
			var ue *UsageError
			switch {
			case errors.Is(err, flag.ErrHelp):
			case !errors.As(err, &ue):
				t.Fatalf("%q: %v (%T), want a *UsageError", line, err, err)
			case ue.Flag != "" && !strings.HasPrefix(err.Error(), ue.Flag+": "):
				t.Fatalf("%q: %q does not start with its flag %s", line, err, ue.Flag)
			case err.Error() == "":
				t.Fatalf("%q: empty error", line)
			}
			return
		}
		if o.render == nil {
			t.Fatalf("%q: accepted without a renderer: %+v", line, o)
		}
		if len(o.steps) == 1 {
			t.Fatalf("%q: accepted a funnel of one step", line)
		}
	})
}

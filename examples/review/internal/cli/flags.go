package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report/render"
	"github.com/shopmetrics/shopmetrics/report/render/xlsx"
)

// Name is the command's name in its usage and messages: the name of the
// installed binary.
const Name = "shopreview"

// options are the command's flags, parsed and checked.
type options struct {
	lang     render.Language
	format   string // as given, for messages
	render   render.Renderer
	out      string
	store    string // the title's store name; "" for the data's own
	period   string // checked by parseFlags, parsed in the data's zone
	compare  string // likewise
	seed     uint64
	data     string
	mapFile  string         // -map: a mapping file for -data's files (see loadData)
	db       string         // -db: a PostgreSQL DSN (see loadData)
	loc      *time.Location // of -tz; nil when it is left out
	export   string
	currency money.Currency // the zero Currency: the first order's
	steps    []string       // the funnel's event names; nil for the review's default
	strict   bool
	quiet    bool // -quiet: no progress line
}

// UsageError is a command line that the command refuses before reading
// anything: an unknown flag, a value that does not parse, flags that
// contradict each other. Main returns [ExitUsage] for it.
type UsageError struct {
	Flag string // such as "-period", or "" for the arguments
	Err  error
}

func (e *UsageError) Error() string {
	if e.Flag == "" {
		return e.Err.Error()
	}
	return e.Flag + ": " + e.Err.Error()
}

func (e *UsageError) Unwrap() error { return e.Err }

// usageErr returns a *UsageError of flag with the message.
func usageErr(flag, format string, args ...any) error {
	return &UsageError{Flag: flag, Err: fmt.Errorf(format, args...)}
}

// periodHelp is what a period flag accepts.
const periodHelp = "want a day 2025-11-11, a week 2025-W45, a month 2025-11, a quarter 2025-Q4, a year 2025 or days 2025-11-01..2025-11-11"

// tzDefault is what a -tz left out means: the zone of the files' offsets
// when they all agree (storedata.Dir), else UTC with a warning.
const tzDefault = "(default: the zone of the files' UTC offsets when they agree, else UTC)"

// flagGroups orders the flags in the usage; every flag is in one group
// (TestUsageListsEveryFlag).
var flagGroups = []struct {
	title string
	names []string
}{
	{"Data (default: the built-in demo store)", []string{"data", "tz", "map", "db", "strict", "seed", "export"}},
	{"The review", []string{"period", "compare", "currency", "steps", "store"}},
	{"Output", []string{"format", "lang", "o", "quiet"}},
}

// exitHelp is the usage's last part: the exit statuses.
var exitHelp = fmt.Sprintf(`Exit status:
  %3d  the review was written (rows the readers rejected are counted on the page)
  %3d  no review: the data could not be reviewed (each problem is printed)
  %3d  usage: a flag or argument is wrong; nothing was read
  %3d  no review: -strict refused a bad row or record (printed with its file and line or ID)
  %3d  interrupted (Ctrl-C or SIGTERM): no review, nothing written to -o's file
`, ExitOK, ExitFailed, ExitUsage, ExitBadData, ExitInterrupted)

// newFlagSet declares the command's flags into fs.
func newFlagSet() (*flag.FlagSet, func() (*options, error)) {
	fs := flag.NewFlagSet(Name, flag.ContinueOnError)
	lang := fs.String("lang", "en", "`language` of the review: en or zh")
	format := fs.String("format", "md", "output `format`: md, html, json, text or xlsx (Excel; give -o)")
	out := fs.String("o", "", "write the review to `file` instead of standard output")
	store := fs.String("store", "", "the store's `name` in the title (default: the demo's, or the -data directory's name)")
	period := fs.String("period", "", "the `period` reviewed: 2025-11, 2025-Q4, 2025-W45, 2025-11-11, 2025 or 2025-11-01..2025-11-11\n(default: the last whole month of the data, or all of it if shorter)")
	compare := fs.String("compare", "", "the `period` compared with -period in the place of the same period last year,\nsuch as last year's 11.11: -period 2025-11-11 -compare 2024-11-11 (default: the same period last year)")
	currency := fs.String("currency", "", "the currency to review, by its ISO 4217 `code` such as CNY; orders in other currencies\nare left out and counted on the page (default: the first order's; a store with several needs it)")
	steps := fs.String("steps", "", "the funnel's steps: event `names` separated by commas, such as view,cart,purchase\n(default: page_view,add_to_cart,checkout,purchase)")
	seed := fs.Uint64("seed", sample.DefaultSeed, "`seed` of the demo store")
	data := fs.String("data", "", "review the CSV files of `dir` (order_lines.csv, events.csv, …; see package report/storedata)")
	tz := fs.String("tz", "", "the store's time `zone` for -data, such as Asia/Shanghai "+tzDefault)
	mapFile := fs.String("map", "", "a JSON mapping `file` from your column and event names to the files' (with -data)")
	db := fs.String("db", "", "review the store in the PostgreSQL database at `dsn` instead of files")
	strict := fs.Bool("strict", false, "refuse bad data: a bad row or record stops the review (exit status 3)\ninstead of being left out and counted on the page")
	export := fs.String("export", "", "write the demo store as the CSV files -data reads to `dir`, and exit")
	quiet := fs.Bool("quiet", false, "draw no progress line on standard error (drawn only when it is a terminal\nand the work lasts more than a second)")
	return fs, func() (*options, error) {
		o := &options{out: *out, store: *store, period: *period, compare: *compare, seed: *seed, data: *data,
			mapFile: *mapFile, db: *db, export: *export, strict: *strict, quiet: *quiet, format: *format}
		var err error
		if o.lang, err = render.ParseLanguage(*lang); err != nil {
			return nil, usageErr("-lang", "%q is not a language: want en or zh", *lang)
		}
		if *format == "xlsx" { // Excel, from its own package so render does not pull in excelize
			o.render = xlsx.Workbook{Lang: o.lang}
		} else if o.render, err = render.ForFormat(*format, o.lang); err != nil {
			return nil, usageErr("-format", "%q is not a format: want md, html, json, text or xlsx", *format)
		}
		if *tz != "" {
			if o.loc, err = time.LoadLocation(*tz); err != nil {
				return nil, usageErr("-tz", "%q is not a time zone: want an IANA name such as Asia/Shanghai, or UTC", *tz)
			}
		}
		check := o.loc // the zone the periods are checked in; they are parsed again in the data's
		if check == nil {
			check = time.UTC
		}
		if *currency != "" {
			if o.currency, err = money.ParseCurrency(strings.ToUpper(*currency)); err != nil { // cny is CNY
				return nil, usageErr("-currency", "%q is not an ISO 4217 currency code such as CNY or USD", *currency)
			}
		}
		var p, c metrics.Period
		if *period != "" {
			if p, err = metrics.ParsePeriod(*period, check); err != nil {
				return nil, usageErr("-period", "%q is not a period: %s", *period, periodHelp)
			}
		}
		if *compare != "" {
			if c, err = metrics.ParsePeriod(*compare, check); err != nil {
				return nil, usageErr("-compare", "%q is not a period: %s", *compare, periodHelp)
			}
			if !p.IsZero() && c.Start.Equal(p.Start) && c.End.Equal(p.End) {
				return nil, usageErr("-compare", "%s is the period reviewed: compare it with another one", *compare)
			}
		}
		if *steps != "" {
			if o.steps, err = parseSteps(*steps); err != nil {
				return nil, &UsageError{Flag: "-steps", Err: err}
			}
		}
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		switch {
		case set["tz"] && o.data == "" && o.db == "":
			return nil, usageErr("-tz", "is the time zone of -data's files; the demo store has its own (Asia/Shanghai)")
		case set["seed"] && (o.data != "" || o.db != ""):
			return nil, usageErr("-seed", "chooses a demo store: leave it out with -data or -db")
		case o.data != "" && o.db != "":
			return nil, usageErr("-db", "and -data both name the data: give one")
		case o.mapFile != "" && o.data == "":
			return nil, usageErr("-map", "maps the column names of -data's files: give -data too")
		case o.export != "" && (o.data != "" || o.db != ""):
			return nil, usageErr("-export", "writes the demo store, it reads no data: leave out -data and -db")
		}
		return o, nil
	}
}

// parseSteps splits the -steps list: 2 to funnel.MaxSteps event names,
// none empty.
func parseSteps(s string) ([]string, error) {
	steps := strings.Split(s, ",")
	for i, name := range steps {
		steps[i] = strings.TrimSpace(name)
		if steps[i] == "" {
			return nil, fmt.Errorf("step %d of %q has no event name: want names separated by commas, such as view,cart,purchase", i+1, s)
		}
	}
	if n := len(steps); n < 2 || n > funnel.MaxSteps {
		return nil, fmt.Errorf("%q: a funnel has 2 to %d steps, such as view,cart,purchase; this has %d", s, funnel.MaxSteps, n)
	}
	return steps, nil
}

// parseFlags parses and checks the command line, everything that does not
// need the data: a bad flag is reported before any file is read. -h
// writes the usage to help and returns flag.ErrHelp; every other error is
// a *UsageError.
func parseFlags(args []string, help io.Writer) (*options, error) {
	fs, finish := newFlagSet()
	// The flag package prints its own message and the whole usage for
	// an unknown flag or a bad value; the command prints one line
	// instead (Main adds how to get the usage).
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(fs, help)
		return nil, err
	}
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	if fs.NArg() > 0 {
		return nil, usageErr("", "unexpected arguments %q: every input is given by a flag, such as -data DIR", fs.Args())
	}
	return finish()
}

// printUsage writes the usage: what the command does, its flags in
// groups, its exit statuses.
func printUsage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintf(w, `Usage: %s [flags]
       go run ./examples/review [flags]   (from a clone of the repository)

Prints the store operations review (店铺运营总结) of the built-in demo store,
or of your own data, in Markdown, HTML, JSON or plain text, in English or
Chinese.

`, Name)
	for _, g := range flagGroups {
		fmt.Fprintf(w, "%s:\n", g.title)
		for _, name := range g.names {
			f := fs.Lookup(name)
			arg, usage := flag.UnquoteUsage(f)
			head := "  -" + f.Name
			if arg != "" {
				head += " " + arg
			}
			fmt.Fprintf(w, "%s\n      %s", head, strings.ReplaceAll(usage, "\n", "\n      "))
			if f.DefValue != "" && f.DefValue != "false" && !strings.Contains(usage, "(default") {
				fmt.Fprintf(w, " (default %s)", f.DefValue)
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprint(w, exitHelp)
}

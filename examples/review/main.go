// Command review prints the store operations review (店铺运营总结) of the
// built-in demo store, or of your own data, in Markdown, HTML, JSON or
// plain text, in English or Chinese.
//
//	go run ./examples/review                      # the demo store, Markdown, English
//	go run ./examples/review -lang zh -format html -o review.html
//	go run ./examples/review -period 2025-Q3 -format json
//
// Flags:
//
//	-lang zh|en        language of the review (default en)
//	-format md|html|json|text|xlsx
//	-o FILE            write to FILE instead of standard output
//	-data DIR          read your store from the CSV files of DIR (the
//	                   internal/storedata schema: order_lines.csv, refunds.csv,
//	                   events.csv, spend.csv, inventory.csv, receipts.csv,
//	                   promotions.csv, targets.csv, tickets.csv,
//	                   products.csv) instead of
//	                   the demo store; bad rows are reported with their file
//	                   and line, then counted, before the review; inventory
//	                   snapshots with a data problem (a negative on hand, an
//	                   unknown SKU) are left out and counted on the page
//	-tz ZONE           the store's time zone for -data (default UTC)
//	-currency CODE     the currency to review (ISO 4217, such as CNY); orders
//	                   in other currencies are left out and counted on the
//	                   page. Defaults to the first order's currency; a store
//	                   with several currencies then needs it
//	-period P          a month (2025-11), a quarter (2025-Q4), a week
//	                   (2025-W45), a day or a range (2025-11-01..2025-11-15);
//	                   defaults to the last whole month of the data (all
//	                   of it if shorter); a period outside the data is an
//	                   error
//	-seed N            seed of the demo store (default 1)
//	-export DIR        write the demo store as the CSV files -data reads, and
//	                   exit: a worked example of the file format
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
	"github.com/shopmetrics/shopmetrics/report/render/xlsx"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	if errors.Is(err, flag.ErrHelp) { // -h: the usage is printed
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "review:", err)
		os.Exit(1)
	}
}

// now is the clock that dates in the future are judged by; tests set it.
var now = time.Now

// options are the command's flags, parsed and checked.
type options struct {
	lang     render.Language
	render   render.Renderer
	out      string
	period   string // checked by parseFlags, parsed in the data's zone
	seed     uint64
	data     string
	loc      *time.Location // of -tz
	export   string
	currency money.Currency // the zero Currency: the first order's
}

// parseFlags parses and checks the command line, everything that does not
// need the data: a bad flag is reported before any file is read.
func parseFlags(args []string, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet("review", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "en", "language: en or zh")
	format := fs.String("format", "md", "output format: md, html, json, text or xlsx")
	out := fs.String("o", "", "write the review to this file instead of standard output")
	period := fs.String("period", "", "period: 2025-11, 2025-Q4, 2025-W45, 2025-11-03 or 2025-11-01..2025-11-15 (default: the last whole month of the data, or all of it if shorter)")
	seed := fs.Uint64("seed", sample.DefaultSeed, "seed of the demo store")
	data := fs.String("data", "", "directory of CSV files (internal/storedata schema) to review instead of the demo store")
	tz := fs.String("tz", "UTC", "the store's time zone, for -data")
	export := fs.String("export", "", "write the demo store as CSV files (the -data format) to this directory and exit")
	currency := fs.String("currency", "", "the currency to review, such as CNY; orders in other currencies are left out and counted (default: the first order's)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	o := &options{out: *out, period: *period, seed: *seed, data: *data, export: *export}
	var err error
	if o.lang, err = render.ParseLanguage(*lang); err != nil {
		return nil, fmt.Errorf("-lang: %w", err)
	}
	if *format == "xlsx" { // Excel, from its own package so render does not pull in excelize
		o.render = xlsx.Workbook{Lang: o.lang}
	} else if o.render, err = render.ForFormat(*format, o.lang); err != nil {
		return nil, fmt.Errorf("-format: %w", err)
	}
	if o.loc, err = time.LoadLocation(*tz); err != nil {
		return nil, fmt.Errorf("-tz: %w", err)
	}
	if *currency != "" {
		if o.currency, err = money.ParseCurrency(*currency); err != nil {
			return nil, fmt.Errorf("-currency: %w", err)
		}
	}
	if *period != "" {
		if _, err := metrics.ParsePeriod(*period, o.loc); err != nil {
			return nil, fmt.Errorf("-period: %w", err)
		}
	}
	return o, nil
}

// run is the whole command, with its arguments and output streams, so
// that tests can run it.
func run(args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if o.export != "" {
		store := sample.Generate(sample.Config{Seed: o.seed})
		if err := exportStore(o.export, store); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote the demo store to %s; review it with: go run ./examples/review -data %s -tz %s\n",
			o.export, o.export, store.Config.Location)
		return nil
	}
	rd := o.render

	var in report.Input
	var span metrics.Period
	var sessions funnel.SessionRule // CSV events: split at 30-minute gaps
	if o.data != "" {
		if limit, by, ok := memoryLimit(); ok {
			if err := checkMemory(o.data, limit, by); err != nil {
				return err
			}
		}
		l, err := load(o.data, o.loc, now(), stderr)
		if err != nil {
			return err
		}
		var rows int64
		for _, x := range l.rejected {
			rows += x.Rows
		}
		if rows > 0 {
			fmt.Fprintf(stderr, "%d rows rejected; the review below leaves them out and counts them\n", rows)
		}
		in, span, sessions = l.in, l.span, l.sessions
	} else {
		store := sample.Generate(sample.Config{Seed: o.seed})
		items := demoItems(store)
		in = report.Input{
			Store:      "Demo store 演示店铺",
			Items:      items,
			Orders:     slices.Values(store.Orders),
			Refunds:    store.Refunds,
			Events:     slices.Values(store.Events),
			Spend:      store.Spend,
			Targets:    store.Targets,
			Snapshots:  slices.Values(store.Snapshots),
			Receipts:   store.Receipts,
			Promotions: store.Promotions,
			Tickets:    store.Tickets,
		}
		span = store.Period
		sessions.Key = funnel.PropSession // the demo tracker sets session IDs on every event
	}
	p, err := reviewPeriod(o.period, span)
	if err != nil {
		return err
	}
	// Inventory exports hold negative on-hand rows and SKUs missing from the
	// catalogue: the review leaves them out and counts them on the page.
	cfg := report.Config{Period: p, Sessions: sessions, BadRecords: inventory.Skip, Currency: o.currency}
	r, err := report.Build(in, cfg)
	var mixed *report.MixedCurrencyError
	if errors.As(err, &mixed) {
		return fmt.Errorf("%w\nchoose the currency to review with -currency %s (or one of the others); the other orders are then left out and counted", err, mixed.Want.Code())
	}
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := rd.Render(&buf, r); err != nil {
		return err
	}
	if o.out == "" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	return os.WriteFile(o.out, buf.Bytes(), 0o644)
}

// reviewPeriod parses the -period flag in the data's time zone, or returns
// the last whole calendar month of the data (all of the data when it holds
// no whole month). A period that does not overlap
// the data is an error: its review would be all zeros.
func reviewPeriod(s string, data metrics.Period) (metrics.Period, error) {
	if s != "" {
		p, err := metrics.ParsePeriod(s, data.Location())
		if err != nil {
			return p, err
		}
		if !p.End.After(data.Start) || !p.Start.Before(data.End) {
			return p, fmt.Errorf("period %s is outside the data (orders from %s to %s)",
				p, data.Start.Format(time.DateOnly), data.End.Add(-time.Nanosecond).Format(time.DateOnly))
		}
		return p, nil
	}
	last := data.End.Add(-time.Nanosecond)
	m := metrics.PeriodOf(last, metrics.Month)
	if m.End.After(data.End) {
		m = m.Previous()
	}
	if m.Start.Before(data.Start) { // no whole month: review every day of the data
		return metrics.NewPeriod(data.Start, data.End)
	}
	return m, nil
}

// demoItems is the demo store's catalogue as inventory items.
func demoItems(store *sample.Store) []inventory.Item {
	items := make([]inventory.Item, len(store.Catalogue))
	for i, p := range store.Catalogue {
		items[i] = inventory.Item{SKU: p.SKU, Name: p.Name, Category: p.Category, UnitPrice: p.Price, LeadTimeDays: float64(p.LeadTime)}
	}
	return items
}

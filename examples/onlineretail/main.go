// Command onlineretail summarises 2011 of the UCI Online Retail data set
// (Chen, Sain & Guo 2012) with shopmetrics: it reads the invoice file
// through report/storedata's adapter, reports the rows it could not use, and
// prints the year's sales, profit and customer summary.
//
//	go run ./examples/onlineretail -file ../shared/datasets/online_retail/online_retail.csv.gz
//
// The data has no costs, so COGS and margins are zero; December 2010 is
// read as first-order history, so that 2011's new customers are new.
package main

import (
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // Europe/London on any machine

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

func main() {
	file := flag.String("file", "../shared/datasets/online_retail/online_retail.csv.gz", "the Online Retail CSV, plain or gzipped")
	year := flag.Int("year", 2011, "the calendar year to summarise")
	flag.Parse()
	log.SetFlags(0)

	f, err := os.Open(*file)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(*file, ".gz") {
		if r, err = gzip.NewReader(f); err != nil {
			log.Fatal(err)
		}
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		log.Fatal(err)
	}

	var orders []metrics.Order
	var refunds []metrics.Refund
	adjustments, rejected := 0, 0
	for rec, err := range storedata.ReadOnlineRetail(r, london, storedata.Options{File: *file, Location: london}) {
		switch {
		case err != nil:
			rejected++
			fmt.Fprintln(os.Stderr, err)
		case rec.Order != nil:
			orders = append(orders, *rec.Order)
		case rec.Refund != nil:
			refunds = append(refunds, *rec.Refund)
		default:
			adjustments++
		}
	}
	fmt.Printf("read %d invoices, %d cancellations, %d stock adjustments; %d rows rejected\n\n", len(orders), len(refunds), adjustments, rejected)

	p := metrics.PeriodOf(time.Date(*year, 1, 1, 0, 0, 0, 0, london), metrics.Year)
	// The orders before the year are in the input: Summarize uses them to
	// tell new customers from returning ones.
	sums, err := metrics.Summarize(p, sliceSeq(orders), sliceSeq(refunds), metrics.Options{})
	if err != nil {
		log.Fatal(err)
	}
	en := money.MustFormatter("en-GB")
	// orNA formats an average that is undefined without orders or buyers
	// as "n/a", never as a zero amount.
	orNA := func(m money.Money, ok bool) string {
		if !ok {
			return "n/a"
		}
		return en.Format(m)
	}
	for _, s := range sums {
		fmt.Printf("%s, %s\n", p.Label(), s.Currency)
		fmt.Printf("  gross sales      %s\n", en.Format(s.GrossSales))
		fmt.Printf("  returns          %s (%s of sales)\n", en.Format(s.Returns), s.ReturnRate.Percent(2))
		fmt.Printf("  net sales        %s\n", en.Format(s.NetSales))
		fmt.Printf("  orders           %d (%d guest)\n", s.Orders, s.GuestOrders)
		fmt.Printf("  units            %d\n", s.Units)
		fmt.Printf("  buyers           %d (%d new, %d returning)\n", s.Buyers, s.NewBuyers, s.ReturningBuyers)
		fmt.Printf("  repurchase rate  %s\n", s.RepurchaseRate.Percent(2))
		fmt.Printf("  AOV              %s\n", orNA(s.AOV()))
		fmt.Printf("  spend per buyer  %s\n", orNA(s.SpendPerBuyer()))
	}
}

func sliceSeq[T any](s []T) func(func(T) bool) {
	return func(yield func(T) bool) {
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}

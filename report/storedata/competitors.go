package storedata

import (
	"fmt"
	"io"
	"iter"

	"github.com/shopmetrics/shopmetrics/metrics/market"
)

// CompetitorPriceColumns is the header of the competitor-prices file.
var CompetitorPriceColumns = []string{"sku", "competitor", "day", "price", "currency", "promotion"}

// ReadCompetitorPrices reads the competitor-prices file
// (competitor_prices.csv): one row per SKU, competitor and day, with the
// competitor's shelf price of one unit that day and whether it ran a
// promotion on the SKU (true or false; empty is false). A price that is
// not positive is an error of its row; so is a second row for the same
// SKU, competitor and day that does not repeat the first exactly
// (ErrDuplicateID, naming the first row's line). Prices in any currency
// are read: the review leaves out those in another currency than its own
// and counts them in a note.
func ReadCompetitorPrices(r io.Reader, opts Options) iter.Seq2[market.Price, error] {
	return func(yield func(market.Price, error) bool) {
		seen := ids{}
		required := []string{"sku", "competitor", "day", "price", "currency"}
		rows(r, opts, kindCompetitorPrices, required, CompetitorPriceColumns, true, func(t *table) (market.Price, bool, error) {
			var p market.Price
			var err error
			if p.SKU, err = t.required(t.c("sku")); err != nil {
				return p, false, err
			}
			if p.Competitor, err = t.required(t.c("competitor")); err != nil {
				return p, false, err
			}
			if p.Day, err = t.day(t.c("day")); err != nil {
				return p, false, err
			}
			c, err := t.currency(t.c("currency"))
			if err != nil {
				return p, false, err
			}
			if p.Price, err = t.money(t.c("price"), c, false); err != nil {
				return p, false, err
			}
			if !p.Price.IsPositive() {
				return p, false, t.fail(t.c("price"), fmt.Errorf("price %s is not positive", t.raw(t.c("price"))))
			}
			if p.Promotion, err = t.bool(t.c("promotion")); err != nil {
				return p, false, err
			}
			key := fmt.Sprintf("%q at %q on %s", p.SKU, p.Competitor, t.raw(t.c("day")))
			if err := seen.add(t, "the price of", key); err != nil {
				return p, false, err
			}
			return p, true, nil
		}, yield)
	}
}

// WriteCompetitorPrices writes competitor prices, each day as its date in
// the day's own zone. A row without a SKU, a competitor or a currency,
// with a price that is not positive, a year outside 0–9999 or text that
// readers reject, or a second row for the same SKU, competitor and day,
// is an error.
func WriteCompetitorPrices(w io.Writer, prices iter.Seq[market.Price]) error {
	cw := newWriter(w, CompetitorPriceColumns)
	seen := map[[3]string]bool{}
	for p := range prices {
		cw.at("competitor price of", p.SKU+" at "+p.Competitor)
		if !p.Price.IsPositive() {
			return fmt.Errorf("storedata: %s: price %s is not positive", cw.what(), p.Price)
		}
		day := cw.day(p.Day)
		k := [3]string{p.SKU, p.Competitor, day}
		if seen[k] {
			return fmt.Errorf("storedata: %s on %s is written twice", cw.what(), day)
		}
		seen[k] = true
		promotion := "false"
		if p.Promotion {
			promotion = "true"
		}
		cw.row([]string{cw.required("sku", p.SKU), cw.required("competitor", p.Competitor), day,
			amount(p.Price), cw.currency(p.Price.Currency()), promotion})
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}

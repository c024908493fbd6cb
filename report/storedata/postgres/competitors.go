package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/market"
)

var competitorPriceCols = cols("competitor_prices", false, "sku", "competitor", "day", "price", "currency", "promotion")

// ReadCompetitorPrices streams competitors' daily prices of our SKUs
// (竞争数据) in (sku, competitor, day) order: the competitor's shelf price
// of one unit that day, positive, and whether it ran a promotion on the
// SKU (NULL is false). A second row for the same SKU, competitor and day
// is a storedata.ErrDuplicateID error. Prices in any currency are read:
// the review leaves out those in another currency than its own and
// counts them in a note.
func ReadCompetitorPrices(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[market.Price, error] {
	return func(yield func(market.Price, error) bool) {
		var prev string
		var line int
		readTable(ctx, db, opts, "competitor_prices", competitorPriceCols, "sku, competitor, day", func(r *row) (market.Price, error) {
			r.keyOf("price", 0, 1, 2)
			var p market.Price
			var err error
			if p.SKU, err = r.required(0); err != nil {
				return p, err
			}
			if p.Competitor, err = r.required(1); err != nil {
				return p, err
			}
			if p.Day, err = r.day(2); err != nil {
				return p, err
			}
			if err := r.unique(&prev, &line); err != nil {
				return p, err
			}
			c, err := r.currency(4)
			if err != nil {
				return p, err
			}
			if p.Price, err = r.money(3, c, false); err != nil {
				return p, err
			}
			if !p.Price.IsPositive() {
				return p, r.fail(3, fmt.Errorf("price %s is not positive", r.raw(3)))
			}
			p.Promotion, err = r.bool(5)
			return p, err
		}, yield)
	}
}

func addCompetitorPrice(b *batch, p market.Price) error {
	e := &enc{what: fmt.Sprintf("competitor price of %q at %q on %s", p.SKU, p.Competitor, p.Day.Format(time.DateOnly))}
	if !p.Price.IsPositive() {
		e.failf("price %s is not positive", p.Price)
	}
	b.add(e.required("sku", p.SKU), e.required("competitor", p.Competitor), e.day("day", p.Day), number(p.Price),
		e.currency(p.Price.Currency()), p.Promotion)
	return e.err
}

package completejourney

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/csvtable"
)

// Currency is the currency of the data: US dollars.
var Currency = money.MustCurrency("USD")

// TransactionColumns are the columns of transactions.csv that the reader
// needs (week is not needed; the time says it).
var TransactionColumns = []string{"household_id", "store_id", "basket_id", "product_id", "quantity",
	"sales_value", "retail_disc", "coupon_disc", "coupon_match_disc", "transaction_timestamp"}

// CouponPromotion is the line promotion of a line bought with a
// manufacturer coupon (coupon_disc above zero).
const CouponPromotion = "coupon"

// Sentinel errors of bad rows, wrapped by a *storedata.ParseError.
var (
	// ErrNoQuantity: a line with quantity 0 (voids, coupons without goods:
	// 416 of the 75,000 lines of the package's sample). A line of an order
	// needs units, so the row is rejected and counted.
	ErrNoQuantity = errors.New("completejourney: quantity 0")
	// ErrAmount: an amount that is negative, has more than two decimals, or
	// is not a number.
	ErrAmount = errors.New("completejourney: bad amount")
	// ErrBasket: a row whose household, store or time differ from the
	// basket's first row.
	ErrBasket = errors.New("completejourney: basket rows disagree")
)

// ReadTransactions reads transactions.csv (or the package's
// transactions_sample.csv) and yields one order per basket.
//
// Mapping: the basket_id is the order's ID, the household its customer,
// "store " and the store_id its channel (the data has one retailer's
// stores and no online channel), transaction_timestamp (RFC 3339 with an
// offset) its time, converted to opts.Location; the order is paid, in USD
// ([Currency]), without shipping, tax or order-level discount. Each row is
// a line of product_id: sales_value is what the retailer received for
// the line, retail_disc (loyalty card) and coupon_match_disc (the
// retailer's match of a manufacturer coupon) are the retailer's discounts,
// so the line's gross is sales_value + retail_disc + coupon_match_disc
// and its discount retail_disc + coupon_match_disc: the review's net
// sales are Σ sales_value. coupon_disc, the manufacturer's coupon, is
// paid back to the retailer and is not a discount of the retailer's; a
// line with one has the promotion [CouponPromotion]. The data has no
// costs, so COGS is zero and gross margin is not meaningful.
//
// Amounts are exact. A line's gross is split over its units in whole
// cents: when it does not divide evenly (fuel, sold by the gallon as
// thousands of "units"), the line becomes two lines of the product, r
// units at p + 1 cents and q − r units at p cents (q units, gross g cents,
// p = g div q, r = g mod q), and its discount is shared between them in
// proportion to their gross, no cent lost. So Σ quantity × unit price −
// discounts = Σ sales_value exactly.
//
// The rows of a basket need not be together (the package's sample draws
// lines at random), so the reader holds every basket in memory and yields
// the orders at the end of the file, in the order of their first rows.
//
// A bad row is a *storedata.ParseError with its line and column:
// quantity 0 ([ErrNoQuantity]), a negative or malformed amount
// ([ErrAmount]), a row whose household, store or time differ from its
// basket's first row ([ErrBasket]), a bad time, an empty ID. The row is
// left out and its basket keeps its other rows. The one sales_value the
// sample writes in scientific notation (4.440892e-16, a floating-point
// residue of the package) is read as zero: a number in that notation is
// accepted when it is below half a cent, and rejected otherwise. Lenient
// reading (the default) reports bad rows and goes on; opts.Strict stops at
// the first, and yields no order.
func ReadTransactions(r io.Reader, opts storedata.Options) iter.Seq2[metrics.Order, error] {
	return func(yield func(metrics.Order, error) bool) {
		t, err := csvtable.Open(r, opts, TransactionColumns, nil)
		if err != nil {
			yield(metrics.Order{}, err)
			return
		}
		loc := csvtable.Location(opts)
		index := map[string]int{} // basket → index in orders
		var orders []metrics.Order
		for {
			err := t.Next()
			if err == io.EOF {
				break
			}
			if err == nil {
				err = addLine(t, loc, index, &orders)
			}
			if err != nil {
				if !yield(metrics.Order{}, err) || opts.Strict || t.Fatal() {
					return
				}
			}
		}
		for _, o := range orders {
			if !yield(o, nil) {
				return
			}
		}
	}
}

func addLine(t *csvtable.Table, loc *time.Location, index map[string]int, orders *[]metrics.Order) error {
	basket, err := t.Required("basket_id")
	if err != nil {
		return err
	}
	household, err := t.Required("household_id")
	if err != nil {
		return err
	}
	store, err := t.Required("store_id")
	if err != nil {
		return err
	}
	product, err := t.Required("product_id")
	if err != nil {
		return err
	}
	at, perr := time.Parse(time.RFC3339, t.Get("transaction_timestamp"))
	if perr != nil {
		return t.Fail("transaction_timestamp", fmt.Errorf("%q: want RFC 3339, such as 2017-01-28T14:06:53-05:00", t.Get("transaction_timestamp")))
	}
	at = at.In(loc)
	q, err := quantity(t, "quantity")
	if err != nil {
		return err
	}
	var amt [4]money.Money
	for i, c := range [...]string{"sales_value", "retail_disc", "coupon_disc", "coupon_match_disc"} {
		if amt[i], err = amount(t, c); err != nil {
			return err
		}
	}
	sales, retail, coupon, match := amt[0], amt[1], amt[2], amt[3]
	i, ok := index[basket]
	if !ok {
		i = len(*orders)
		index[basket] = i
		*orders = append(*orders, metrics.Order{ID: basket, CustomerID: household, PlacedAt: at, Channel: "store " + store,
			Status: metrics.Paid, Currency: Currency, Discount: Currency.Zero(), Shipping: Currency.Zero(), Tax: Currency.Zero()})
	}
	o := &(*orders)[i]
	switch {
	case o.CustomerID != household:
		return t.Fail("household_id", fmt.Errorf("%w: basket %s is household %s's", ErrBasket, basket, o.CustomerID))
	case o.Channel != "store "+store:
		return t.Fail("store_id", fmt.Errorf("%w: basket %s is in %s", ErrBasket, basket, o.Channel))
	case !o.PlacedAt.Equal(at):
		return t.Fail("transaction_timestamp", fmt.Errorf("%w: basket %s is at %s", ErrBasket, basket, o.PlacedAt.Format(time.RFC3339)))
	}
	disc := add(retail, match)
	lines, err := splitLine(add(sales, disc), disc, q)
	if err != nil {
		return t.RowErr(err)
	}
	promo := ""
	if coupon.IsPositive() {
		promo = CouponPromotion
	}
	for _, l := range lines {
		l.SKU, l.Promotion, l.UnitCost = product, promo, Currency.Zero()
		o.Lines = append(o.Lines, l)
	}
	return nil
}

// add adds two USD amounts; both are in Currency, so it cannot fail.
func add(a, b money.Money) money.Money {
	s, err := a.Add(b)
	if err != nil {
		panic("completejourney: " + err.Error()) // both amounts are in USD
	}
	return s
}

// splitLine returns the lines of q units of gross g with discount d: one
// line when g divides into whole cents per unit, else two (see
// ReadTransactions).
func splitLine(g, d money.Money, q int64) ([]metrics.Line, error) {
	cents, ok := g.Minor()
	if !ok {
		return nil, fmt.Errorf("%w: %s is out of range", ErrAmount, g)
	}
	p, r := cents/q, cents%q
	if r == 0 {
		return []metrics.Line{{Quantity: q, UnitPrice: Currency.FromMinor(p), Discount: d}}, nil
	}
	hi, lo := Currency.FromMinor((p+1)*r), Currency.FromMinor(p*(q-r))
	parts := []money.Money{d, d}
	if !d.IsZero() {
		var err error
		if parts, err = d.Allocate([]decimal.Decimal{hi.Decimal(), lo.Decimal()}); err != nil {
			return nil, err
		}
	}
	ls := []metrics.Line{{Quantity: r, UnitPrice: Currency.FromMinor(p + 1), Discount: parts[0]}}
	if q-r > 0 {
		ls = append(ls, metrics.Line{Quantity: q - r, UnitPrice: Currency.FromMinor(p), Discount: parts[1]})
	}
	return ls, nil
}

// quantity reads a whole number of units, above zero.
func quantity(t *csvtable.Table, col string) (int64, error) {
	v := t.Get(col)
	d, err := decimal.NewFromString(v)
	if err != nil || !d.IsInteger() || d.IsNegative() || !d.LessThan(decimal.New(1, 12)) {
		return 0, t.Fail(col, fmt.Errorf("%q: want a whole number of units", v))
	}
	if d.IsZero() {
		return 0, t.Fail(col, ErrNoQuantity)
	}
	return d.IntPart(), nil
}

// amount reads a non-negative USD amount of at most two decimals; a
// number in scientific notation below half a cent is zero (see
// ReadTransactions). An empty cell is an error.
func amount(t *csvtable.Table, col string) (money.Money, error) {
	v := t.Get(col)
	m, err := Currency.Parse(v)
	if err != nil {
		d, derr := decimal.NewFromString(v)
		if derr == nil && strings.ContainsAny(v, "eE") && d.Abs().LessThan(decimal.New(5, -3)) {
			return Currency.Zero(), nil
		}
		return money.Money{}, t.Fail(col, fmt.Errorf("%w %q: want a decimal amount such as 3.86", ErrAmount, v))
	}
	if m.IsNegative() {
		return money.Money{}, t.Fail(col, fmt.Errorf("%w %q: negative", ErrAmount, v))
	}
	if _, ok := m.Minor(); !ok {
		return money.Money{}, t.Fail(col, fmt.Errorf("%w %q: more than two decimals", ErrAmount, v))
	}
	return m, nil
}

package inventory

import (
	"errors"
	"strconv"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Sentinel errors: the category of a data problem. A *[DataError] wraps
// one of them, so callers test the category with errors.Is and read the SKU
// and day with errors.As. An amount in another currency than the store's
// is a *DataError wrapping money.ErrCurrencyMismatch, the category every
// package of shopmetrics uses; an invalid configuration is a
// *metrics.ConfigError wrapping metrics.ErrConfig, and a refused
// [Sales.Merge] a *metrics.MergeError wrapping metrics.ErrIncompatible.
var (
	// ErrNegativeOnHand: a snapshot with fewer than zero units on hand
	// (oversold stock). Under the [Strict] policy the snapshot counts as a
	// stock-out day with no inventory value; under [Skip] it is left out.
	ErrNegativeOnHand = errors.New("inventory: negative on hand")
	// ErrUnknownSKU: a SKU that is not in the item catalogue. Under the
	// [Strict] policy its data is used, with an empty category; under
	// [Skip] the SKU is left out with all its records.
	ErrUnknownSKU = errors.New("inventory: unknown sku")
	// ErrOrder: snapshots not in SKU then day order: a SKU whose
	// snapshots are not contiguous, or a day that repeats or goes back. The
	// record is left out of the figures.
	ErrOrder = errors.New("inventory: snapshot out of order")
	// ErrOutsidePeriod: a record dated outside the period (for snapshots,
	// outside the day before the period and the period itself). The record
	// is left out of the figures.
	ErrOutsidePeriod = errors.New("inventory: outside the period")
	// ErrQuantity: a receipt or sales line with a quantity that is not
	// positive, or an empty SKU. The record is left out of the figures.
	ErrQuantity = errors.New("inventory: invalid quantity")
	// ErrAmount: an amount out of range: a negative unit cost in a
	// snapshot or a receipt, or an amount that cannot be held in int64
	// minor units (such as an inventory value that overflows). The record
	// is left out.
	ErrAmount = errors.New("inventory: amount out of range")
	// ErrOverflow: a record whose units would take a total past the int64
	// range: a SKU's units sold (in [Sales]), received or adjusted, or a
	// category's or the store's units on hand or sold. The record (for a
	// group total, the SKU) is left out of the figures. Sums of units on
	// hand over snapshots and every amount of money are exact and never
	// overflow.
	ErrOverflow = errors.New("inventory: units out of the int64 range")
)

// DataError is a problem in the input data, located by its source, SKU,
// day and record. Problems of one kind for one SKU and source are reported
// once, at their first record, with Count saying how many records had it.
//
// Record locates the first record in what the caller passed, counting
// from 1, so that a reader can add its file and line: the position of the
// snapshot in the sequence Input.Snapshots yields, the position in
// Input.Receipts, Input.Adjustments or Input.Items, or, for Source
// "order", the line of the order OrderID (1 for Order.Lines[0]). It is 0
// when the problem is not one record (a SKU's sales as a whole, sales
// added with [Sales.Add], a group total).
type DataError struct {
	Source  string // "snapshot", "receipt", "adjustment", "order" or "item" (a catalogue entry)
	SKU     string
	Day     Day    // the day of the first record with the problem
	Record  int    // the first record's position in its source, from 1; 0 if none
	OrderID string // for Source "order"
	Count   int    // records of this SKU with this problem; at least 1
	Detail  string // such as "on hand -3"
	// Err is one of the sentinel errors of this package, or
	// money.ErrCurrencyMismatch for an amount in another currency.
	Err error
}

func (e *DataError) Error() string {
	s := "inventory: " + e.Source
	if e.OrderID != "" {
		s += " " + strconv.Quote(e.OrderID)
		if e.Record > 0 {
			s += " line " + strconv.Itoa(e.Record)
		}
	} else if e.Record > 0 {
		s += " #" + strconv.Itoa(e.Record)
	}
	s += " sku " + strconv.Quote(e.SKU) + " on " + e.Day.String() + ": " + what(e.Err)
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	if e.Count > 1 {
		s += " and " + strconv.Itoa(e.Count-1) + " more"
	}
	return s
}

// what returns the sentinel's message without its package prefix
// ("inventory: ", "money: ").
func what(err error) string {
	s := err.Error()
	if _, rest, ok := strings.Cut(s, ": "); ok {
		return rest
	}
	return s
}

// Unwrap returns the sentinel error.
func (e *DataError) Unwrap() error { return e.Err }

// problems collects data errors, one per source, SKU and sentinel.
type problems struct {
	list []*DataError
	idx  map[problemKey]int
}

type problemKey struct {
	source, sku string
	err         error
}

// add adds a problem of the record at index (counting from 0; -1 for
// none) of source.
func (p *problems) add(source, sku string, day Day, index int, orderID, detail string, err error) {
	p.addN(&DataError{Source: source, SKU: sku, Day: day, Record: index + 1, OrderID: orderID, Count: 1, Detail: detail, Err: err})
}

// addN adds e, or adds e.Count to the problem of its kind already met.
func (p *problems) addN(e *DataError) {
	k := problemKey{e.Source, e.SKU, e.Err}
	if i, ok := p.idx[k]; ok {
		p.list[i].Count += e.Count
		return
	}
	if p.idx == nil {
		p.idx = make(map[problemKey]int)
	}
	p.idx[k] = len(p.list)
	c := *e
	p.list = append(p.list, &c)
}

// ProblemCount is the number of records with one kind of data problem.
type ProblemCount struct {
	Err     error // the sentinel, such as [ErrNegativeOnHand]
	Records int
}

// problemOrder is the order of [Report.ProblemCounts].
var problemOrder = []error{ErrNegativeOnHand, ErrUnknownSKU, money.ErrCurrencyMismatch, ErrOrder, ErrOutsidePeriod, ErrQuantity, ErrAmount, ErrOverflow}

// ProblemCounts returns, for each kind of data problem met, the number of
// records that had it (the sum of the Counts of [Report.Problems] of that
// kind), in the order the sentinels are declared, currency mismatches
// after unknown SKUs; kinds not met are left out. It is what a review
// states when it analyses with the [Skip] policy.
func (r *Report) ProblemCounts() []ProblemCount {
	var out []ProblemCount
	for _, k := range problemOrder {
		n := 0
		for _, p := range r.Problems {
			if p.Err == k {
				n += p.Count
			}
		}
		if n > 0 {
			out = append(out, ProblemCount{Err: k, Records: n})
		}
	}
	return out
}

// configError returns the *metrics.ConfigError of field.
func configError(field, problem string) error {
	return &metrics.ConfigError{Pkg: "inventory", Field: field, Problem: problem}
}

func (p *problems) join() error {
	if len(p.list) == 0 {
		return nil
	}
	errs := make([]error, len(p.list))
	for i, e := range p.list {
		errs[i] = e
	}
	return errors.Join(errs...)
}

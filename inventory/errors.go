package inventory

import (
	"errors"
	"strconv"
)

// Sentinel errors: the category of a data problem. A *[DataError] wraps
// one of them, so callers test the category with errors.Is and read the SKU
// and day with errors.As.
var (
	// ErrNegativeOnHand: a snapshot with fewer than zero units on hand
	// (oversold stock). The snapshot counts as a stock-out day with no
	// inventory value.
	ErrNegativeOnHand = errors.New("inventory: negative on hand")
	// ErrUnknownSKU: a SKU that is not in the item catalogue. Its data is
	// used, with an empty category.
	ErrUnknownSKU = errors.New("inventory: unknown sku")
	// ErrCurrency: an amount in another currency than the store's. The
	// record is left out of the figures.
	ErrCurrency = errors.New("inventory: currency mismatch")
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
)

// DataError is a problem in the input data, located by its source, SKU and
// day. Problems of one kind for one SKU are reported once, at their first
// day, with Count saying how many records had it.
type DataError struct {
	Source  string // "snapshot", "receipt", "adjustment" or "order"
	SKU     string
	Day     Day    // the first day with the problem
	OrderID string // for Source "order"
	Count   int    // records of this SKU with this problem; at least 1
	Detail  string // such as "on hand -3"
	Err     error  // one of the sentinel errors of this package
}

func (e *DataError) Error() string {
	s := "inventory: " + e.Source
	if e.OrderID != "" {
		s += " " + strconv.Quote(e.OrderID)
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

// what returns the sentinel's message without the package prefix.
func what(err error) string {
	const p = "inventory: "
	s := err.Error()
	if len(s) > len(p) && s[:len(p)] == p {
		return s[len(p):]
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

func (p *problems) add(source, sku string, day Day, orderID, detail string, err error) {
	k := problemKey{source, sku, err}
	if i, ok := p.idx[k]; ok {
		p.list[i].Count++
		return
	}
	if p.idx == nil {
		p.idx = make(map[problemKey]int)
	}
	p.idx[k] = len(p.list)
	p.list = append(p.list, &DataError{Source: source, SKU: sku, Day: day, OrderID: orderID, Count: 1, Detail: detail, Err: err})
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

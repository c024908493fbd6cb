package metrics

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/intmath"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// ErrInvalid is the category of every *[ValidationError]: test for it with
// errors.Is.
var ErrInvalid = errors.New("metrics: invalid order data")

// ValidationError records one problem with one order or refund.
type ValidationError struct {
	OrderID  string // the order concerned; for a refund, the order it refunds
	RefundID string // the refund concerned, or "" for a problem of the order itself
	Field    string // the offending field, such as "Lines[2].Quantity"
	Problem  string // what is wrong, such as "quantity 0 is not positive"
	// Err is the cause when the problem has a category of its own:
	// money.ErrCurrencyMismatch for an amount in another currency than its
	// order, money.ErrUnknownCurrency for one without a currency; else nil.
	Err error
}

func (e *ValidationError) Error() string {
	where := "order " + strconv.Quote(e.OrderID)
	if e.RefundID != "" {
		where = "refund " + strconv.Quote(e.RefundID) + " of " + where
	}
	if e.Field == "" {
		return "metrics: " + where + ": " + e.Problem
	}
	return "metrics: " + where + ": " + e.Field + ": " + e.Problem
}

// Unwrap returns [ErrInvalid] and Err, if not nil, so that errors.Is finds
// both.
func (e *ValidationError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrInvalid}
	}
	return []error{ErrInvalid, e.Err}
}

// Validate checks a batch of orders and the refunds paid against them and
// reports every problem at once: the returned error is an errors.Join of
// *[ValidationError] values, in input order (orders first), or nil.
//
// It reports, for orders: an empty or duplicate ID, a zero PlacedAt, an
// unknown status, fulfilment times out of order (paid before placed,
// shipped before paid, delivered before shipped, promised before placed),
// no currency, an amount in another currency than the order, a
// non-positive quantity, a negative unit price, unit cost, discount,
// shipping or tax, a line discount larger than the line's value and an
// order discount larger than the discounted lines. For refunds: an empty or
// duplicate ID, an unknown order, a zero time or one before the order was
// placed, a negative amount or one in another currency than the order,
// refunds adding up to more than the order's [Order.Total], and returned
// lines with a non-positive quantity, a SKU the order does not have or more
// units than were ordered.
//
// Validate reads the refunds first and holds them in memory, then streams
// the orders once, keeping a set of order IDs (for duplicates) and the
// details of the orders that are refunded. The problems of the refunds are
// reported after those of the orders. A nil sequence is empty.
func Validate(orders iter.Seq[Order], refunds iter.Seq[Refund]) error {
	var errs []error
	add := func(e *ValidationError) { errs = append(errs, e) }

	var rs []Refund
	wanted := make(map[string]*refunded)
	if refunds != nil {
		for r := range refunds {
			r.Lines = slices.Clone(r.Lines) // the iterator may reuse its buffers
			rs = append(rs, r)
			wanted[r.OrderID] = nil
		}
	}
	ids := make(map[string]struct{})
	if orders != nil {
		for o := range orders {
			_, dup := ids[o.ID]
			sane := validateOrder(o, dup, add)
			if o.ID == "" || dup {
				continue
			}
			ids[o.ID] = struct{}{}
			if _, ok := wanted[o.ID]; ok {
				w := &refunded{cur: o.Currency, placed: o.PlacedAt, units: make(map[string]int64, len(o.Lines))}
				for _, l := range o.Lines {
					w.units[l.SKU] += max(l.Quantity, 0)
				}
				// A sane order's amounts are of one currency, so Total
				// fails only for an order that validateOrder reported.
				if total, err := o.Total(); sane && err == nil {
					w.paid.AddMoney(total)
					w.paidOK = true
				}
				wanted[o.ID] = w
			}
		}
	}
	refundIDs := make(map[string]bool)
	for _, r := range rs {
		validateRefund(r, refundIDs, wanted[r.OrderID], add)
	}
	return errors.Join(errs...)
}

// ValidateOrder checks one order with the rules [Validate] applies to each
// order (all but duplicate IDs, which need the batch) and reports every
// problem at once, as an errors.Join of *[ValidationError] values, or nil.
// It allocates nothing for a valid order.
func ValidateOrder(o Order) error {
	var errs []error
	validateOrder(o, false, func(e *ValidationError) { errs = append(errs, e) })
	return errors.Join(errs...)
}

// refunded is what Validate keeps of a refunded order.
type refunded struct {
	cur      money.Currency
	placed   time.Time   // the order's PlacedAt
	paid     money.Total // the order's Total, of cur, when paidOK
	paidOK   bool
	refunded money.Total      // of cur
	units    map[string]int64 // ordered units by SKU not yet returned
}

// validateOrder reports the problems of o and whether its amounts can be
// added up (so that its total is known).
func validateOrder(o Order, dup bool, add func(*ValidationError)) (sane bool) {
	if !dup && validMinor(&o) {
		return true
	}
	return validateOrderSlow(o, dup, add)
}

// validateOrderSlow is validateOrder without its fast path for valid
// orders.
func validateOrderSlow(o Order, dup bool, add func(*ValidationError)) (sane bool) {
	bad := func(field, format string, args ...any) {
		add(&ValidationError{OrderID: o.ID, Field: field, Problem: fmt.Sprintf(format, args...)})
	}
	badCur := func(field string, cause error, format string, args ...any) {
		add(&ValidationError{OrderID: o.ID, Field: field, Problem: fmt.Sprintf(format, args...), Err: cause})
	}
	switch {
	case o.ID == "":
		bad("ID", "empty order ID")
	case dup:
		bad("ID", "duplicate order ID")
	}
	if o.PlacedAt.IsZero() {
		bad("PlacedAt", "zero time")
	}
	if o.Status > Cancelled {
		bad("Status", "unknown status %d", o.Status)
	}
	validateFulfilment(o, bad)
	if o.Currency.IsZero() {
		badCur("Currency", money.ErrUnknownCurrency, "no currency")
	}
	// Field names are built only for a problem: line is -1 for the order.
	field := func(line int, name string) string {
		if line < 0 {
			return name
		}
		return "Lines[" + strconv.Itoa(line) + "]." + name
	}
	okCur := func(line int, name string, m money.Money) bool {
		if !o.Currency.IsZero() && !sameCurrency(m, o.Currency) {
			badCur(field(line, name), money.ErrCurrencyMismatch, "%s is not in the order currency %s", m, o.Currency)
			return false
		}
		return true
	}
	nonNeg := func(line int, name string, m money.Money) bool {
		if m.IsNegative() {
			bad(field(line, name), "negative amount %s", m)
			return false
		}
		return true
	}
	sane = true
	var lines money.Total // of o.Currency
	for i := range o.Lines {
		l := &o.Lines[i]
		if l.Quantity <= 0 {
			bad(field(i, "Quantity"), "quantity %d is not positive", l.Quantity)
			sane = false
		}
		ok := okCur(i, "UnitPrice", l.UnitPrice) && nonNeg(i, "UnitPrice", l.UnitPrice)
		ok = okCur(i, "Discount", l.Discount) && nonNeg(i, "Discount", l.Discount) && ok
		if okCur(i, "UnitCost", l.UnitCost) { // the cost does not make the order's total unknown
			nonNeg(i, "UnitCost", l.UnitCost)
		}
		if !ok || l.Quantity <= 0 {
			sane = false
			continue
		}
		n, err := l.Net()
		if err != nil {
			sane = false
			continue
		}
		if n.IsNegative() {
			bad(field(i, "Discount"), "discount %s exceeds the line value %s", l.Discount, l.Gross())
			sane = false
		}
		lines.AddMoney(n)
	}
	ok := okCur(-1, "Discount", o.Discount) && nonNeg(-1, "Discount", o.Discount)
	ok = okCur(-1, "Shipping", o.Shipping) && nonNeg(-1, "Shipping", o.Shipping) && ok
	ok = okCur(-1, "Tax", o.Tax) && nonNeg(-1, "Tax", o.Tax) && ok
	sane = sane && ok && !o.Currency.IsZero()
	if sane && !o.Discount.IsZero() {
		var d money.Total
		d.AddMoney(o.Discount)
		if d.Cmp(lines) > 0 {
			bad("Discount", "order discount %s exceeds the discounted lines %s", o.Discount, lines.Money(o.Currency))
			sane = false
		}
	}
	return sane
}

// validMinor reports whether o passes every check of validateOrder but
// the duplicate ID, in whole minor units of its currency, without a
// closure or an allocation: the common order. False means that
// validateOrder's own checks must tell (an amount beyond minor units or
// of another currency, a sum past int64, or a problem), not that o is
// invalid.
func validMinor(o *Order) bool {
	c := o.Currency
	if o.ID == "" || o.PlacedAt.IsZero() || o.Status > Cancelled || c.IsZero() ||
		(!o.PromisedBy.IsZero() && o.PromisedBy.Before(o.PlacedAt)) {
		return false
	}
	inverted := false
	fulfilmentInversions(o, func(string, string) bool {
		inverted = true
		return false
	})
	if inverted {
		return false
	}
	d, ok1 := minorOf(o.Discount, c)
	sh, ok2 := minorOf(o.Shipping, c)
	tax, ok3 := minorOf(o.Tax, c)
	if !ok1 || !ok2 || !ok3 || d < 0 || sh < 0 || tax < 0 {
		return false
	}
	var v int64 // Σ (quantity × unit price − line discount)
	for i := range o.Lines {
		m, ok := lineMinorOf(&o.Lines[i], c)
		if !ok {
			return false
		}
		if v, ok = intmath.Add64(v, m.Gross-m.Discount); !ok {
			return false
		}
	}
	return d <= v
}

// validateFulfilment reports the fulfilment times of o that come before
// the step they follow (see [fulfilmentInversions]) and a promise before
// the order was placed.
func validateFulfilment(o Order, bad func(field, format string, args ...any)) {
	fulfilmentInversions(&o, func(field, problem string) bool {
		bad(field, "%s", problem)
		return true
	})
	if !o.PromisedBy.IsZero() && !o.PlacedAt.IsZero() && o.PromisedBy.Before(o.PlacedAt) {
		bad("PromisedBy", "PromisedBy %s is before PlacedAt %s", o.PromisedBy.Format(time.RFC3339), o.PlacedAt.Format(time.RFC3339))
	}
}

// fulfilmentInversions calls yield with the field and the problem of each
// fulfilment time of o that comes before the step it follows, until yield
// returns false: paid before placed, shipped before paid (or placed when
// the payment time is unknown), delivered before shipped (or paid, or
// placed). Unknown (zero) times are skipped.
func fulfilmentInversions(o *Order, yield func(field, problem string) bool) {
	prev, prevName := o.PlacedAt, "PlacedAt"
	for _, step := range [...]struct {
		name string
		t    time.Time
	}{{"PaidAt", o.PaidAt}, {"ShippedAt", o.ShippedAt}, {"DeliveredAt", o.DeliveredAt}} {
		if step.t.IsZero() {
			continue
		}
		if !prev.IsZero() && step.t.Before(prev) {
			if !yield(step.name, step.name+" "+step.t.Format(time.RFC3339)+" is before "+prevName+" "+prev.Format(time.RFC3339)) {
				return
			}
		}
		prev, prevName = step.t, step.name
	}
}

// FulfilmentError returns a *[ValidationError] for the first fulfilment
// time of o that comes before the step it follows (paid before placed,
// shipped before paid, delivered before shipped; unknown times skipped),
// as [Validate] reports it, or nil. Package metrics/fulfilment refuses
// such an order with it.
func FulfilmentError(o *Order) error {
	var err error
	fulfilmentInversions(o, func(field, problem string) bool {
		err = &ValidationError{OrderID: o.ID, Field: field, Problem: problem}
		return false
	})
	return err
}

// validateRefund reports the problems of r, refunding the order s (nil if
// unknown), and records what it returns.
func validateRefund(r Refund, ids map[string]bool, s *refunded, add func(*ValidationError)) {
	bad := func(field, format string, args ...any) {
		add(&ValidationError{OrderID: r.OrderID, RefundID: r.ID, Field: field, Problem: fmt.Sprintf(format, args...)})
	}
	switch {
	case r.ID == "":
		bad("ID", "empty refund ID")
	case ids[r.ID]:
		bad("ID", "duplicate refund ID")
	}
	ids[r.ID] = true
	if r.At.IsZero() {
		bad("At", "zero time")
	}
	if r.Amount.IsNegative() {
		bad("Amount", "negative amount %s", r.Amount)
	}
	if s == nil {
		bad("OrderID", "unknown order")
		return
	}
	if !r.At.IsZero() && !s.placed.IsZero() && r.At.Before(s.placed) {
		bad("At", "dated %s, before the order was placed (%s)", r.At.Format(time.RFC3339), s.placed.Format(time.RFC3339))
	}
	if !sameCurrency(r.Amount, s.cur) {
		add(&ValidationError{OrderID: r.OrderID, RefundID: r.ID, Field: "Amount", Err: money.ErrCurrencyMismatch,
			Problem: fmt.Sprintf("%s is not in the order currency %s", r.Amount, s.cur)})
	} else if s.paidOK && !r.Amount.IsNegative() {
		s.refunded.AddMoney(r.Amount)
		if s.refunded.Cmp(s.paid) > 0 {
			bad("Amount", "refunds total %s, more than the %s paid", s.refunded.Money(s.cur), s.paid.Money(s.cur))
		}
	}
	for i, l := range r.Lines {
		f := "Lines[" + strconv.Itoa(i) + "]."
		left, had := s.units[l.SKU]
		switch {
		case l.Quantity <= 0:
			bad(f+"Quantity", "quantity %d is not positive", l.Quantity)
		case !had:
			bad(f+"SKU", "SKU %q is not in the order", l.SKU)
		case l.Quantity > left:
			bad(f+"Quantity", "returns %d units of %q, more than the %d ordered and not yet returned", l.Quantity, l.SKU, left)
		default:
			s.units[l.SKU] = left - l.Quantity
		}
	}
}

// sameCurrency reports whether m is in c, the zero Money counting as any
// currency.
func sameCurrency(m money.Money, c money.Currency) bool {
	return m.Currency() == c || (m.Currency().IsZero() && m.IsZero())
}

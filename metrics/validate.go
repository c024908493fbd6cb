package metrics

import (
	"errors"
	"fmt"
	"iter"
	"strconv"
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

// Unwrap returns [ErrInvalid].
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// Validate checks a batch of orders and the refunds paid against them and
// reports every problem at once: the returned error is an errors.Join of
// *[ValidationError] values, in input order (orders first), or nil.
//
// It reports, for orders: an empty or duplicate ID, a zero PlacedAt, an
// unknown status, no currency, an amount in another currency than the
// order, a non-positive quantity, a negative unit price, unit cost, discount,
// shipping or tax, a line discount larger than the line's value and an
// order discount larger than the discounted lines. For refunds: an empty or
// duplicate ID, an unknown order, a zero time, a negative amount or one in
// another currency than the order, refunds adding up to more than the
// order's [Order.Total], and returned lines with a non-positive quantity, a
// SKU the order does not have or more units than were ordered.
//
// Validate keeps one map entry per order to match the refunds; refunds are
// checked after all orders have been read.
func Validate(orders iter.Seq[Order], refunds iter.Seq[Refund]) error {
	var errs []error
	type seen struct {
		cur      Currency
		paid     Money
		paidOK   bool
		refunded Money
		units    map[string]int64 // ordered units by SKU, for returned lines
	}
	byID := make(map[string]*seen)
	add := func(e *ValidationError) { errs = append(errs, e) }
	for o := range orders {
		bad := func(field, format string, args ...any) {
			add(&ValidationError{OrderID: o.ID, Field: field, Problem: fmt.Sprintf(format, args...)})
		}
		switch _, dup := byID[o.ID]; {
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
		if o.Currency.IsZero() {
			bad("Currency", "no currency")
		}
		okCur := func(field string, m Money) bool {
			if !o.Currency.IsZero() && !sameCurrency(m, o.Currency) {
				bad(field, "%s is not in the order currency %s", m, o.Currency)
				return false
			}
			return true
		}
		nonNeg := func(field string, m Money) bool {
			if m.IsNegative() {
				bad(field, "negative amount %s", m)
				return false
			}
			return true
		}
		sane := true
		lines := o.Currency.Zero()
		units := make(map[string]int64, len(o.Lines))
		for i, l := range o.Lines {
			f := "Lines[" + strconv.Itoa(i) + "]."
			if l.Quantity <= 0 {
				bad(f+"Quantity", "quantity %d is not positive", l.Quantity)
				sane = false
			}
			units[l.SKU] += l.Quantity
			ok := okCur(f+"UnitPrice", l.UnitPrice) && nonNeg(f+"UnitPrice", l.UnitPrice)
			ok = okCur(f+"Discount", l.Discount) && nonNeg(f+"Discount", l.Discount) && ok
			_ = okCur(f+"UnitCost", l.UnitCost) && nonNeg(f+"UnitCost", l.UnitCost)
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
				bad(f+"Discount", "discount %s exceeds the line value %s", l.Discount, l.Gross())
				sane = false
			}
			lines, _ = lines.Add(n)
		}
		ok := okCur("Discount", o.Discount) && nonNeg("Discount", o.Discount)
		ok = okCur("Shipping", o.Shipping) && nonNeg("Shipping", o.Shipping) && ok
		ok = okCur("Tax", o.Tax) && nonNeg("Tax", o.Tax) && ok
		sane = sane && ok && !o.Currency.IsZero()
		if sane {
			if c, _ := o.Discount.Cmp(lines); c > 0 {
				bad("Discount", "order discount %s exceeds the discounted lines %s", o.Discount, lines)
				sane = false
			}
		}
		if o.ID == "" || byID[o.ID] != nil {
			continue
		}
		s := &seen{cur: o.Currency, refunded: o.Currency.Zero(), units: units}
		if sane {
			s.paid, _ = o.Total()
			s.paidOK = true
		}
		byID[o.ID] = s
	}
	refundIDs := make(map[string]bool)
	for r := range refunds {
		bad := func(field, format string, args ...any) {
			add(&ValidationError{OrderID: r.OrderID, RefundID: r.ID, Field: field, Problem: fmt.Sprintf(format, args...)})
		}
		switch {
		case r.ID == "":
			bad("ID", "empty refund ID")
		case refundIDs[r.ID]:
			bad("ID", "duplicate refund ID")
		}
		refundIDs[r.ID] = true
		if r.At.IsZero() {
			bad("At", "zero time")
		}
		if r.Amount.IsNegative() {
			bad("Amount", "negative amount %s", r.Amount)
		}
		s := byID[r.OrderID]
		if s == nil {
			bad("OrderID", "unknown order")
			continue
		}
		if !sameCurrency(r.Amount, s.cur) {
			bad("Amount", "%s is not in the order currency %s", r.Amount, s.cur)
		} else if s.paidOK && !r.Amount.IsNegative() {
			s.refunded, _ = s.refunded.Add(r.Amount)
			if c, _ := s.refunded.Cmp(s.paid); c > 0 {
				bad("Amount", "refunds total %s, more than the %s paid", s.refunded, s.paid)
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
	return errors.Join(errs...)
}

// sameCurrency reports whether m is in c, the zero Money counting as any
// currency.
func sameCurrency(m Money, c Currency) bool {
	return m.cur == c || (m.cur.IsZero() && m.IsZero())
}

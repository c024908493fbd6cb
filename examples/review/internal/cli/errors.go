package cli

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// badDataError is a row or record that -strict refuses: Main returns
// [ExitBadData] for it.
type badDataError struct{ err error }

func (e *badDataError) Error() string { return e.err.Error() }
func (e *badDataError) Unwrap() error { return e.err }

// badRecord reports whether err, from report.Build, holds a bad record
// that the lenient mode (inventory.Skip) would have left out and counted,
// or that no mode accepts (an invalid order or refund): a data problem,
// located by its record ID.
func badRecord(err error) bool {
	var inv *inventory.DataError
	var val *metrics.ValidationError
	return errors.As(err, &inv) || errors.As(err, &val)
}

// userError translates the library's errors that a person meets on the
// command line into messages naming the flag that changes the outcome,
// not the Go field behind it (report.Config.Currency is -currency). The
// result still wraps err, so that errors.As finds its type.
func userError(err error, o *options) error {
	if err == nil {
		return nil
	}
	var mixed *report.MixedCurrencyError
	if errors.As(err, &mixed) {
		return &translated{msg: mixedCurrencyMessage(mixed), err: err}
	}
	var ce *metrics.ConfigError
	if errors.As(err, &ce) && ce.Pkg == "funnel" && strings.HasPrefix(ce.Field, "Config.Steps") {
		return &translated{msg: fmt.Sprintf("-steps %s: %s", strings.Join(o.steps, ","), ce.Problem), err: err}
	}
	if errors.Is(err, storedata.ErrMissingColumn) {
		return &translated{msg: err.Error() + " (if your export names it otherwise, map the names with -map FILE)", err: err}
	}
	return columns(err, o.data != "")
}

// columns rewrites the *metrics.ValidationError values in err (an
// errors.Join of them, from report.Build) to name the column of the data
// files instead of the Go field, and the file when files is set: "refund "R9" of order "O1": order_id:
// unknown order" rather than "…: OrderID: unknown order".
func columns(err error, files bool) error {
	switch e := err.(type) {
	case *metrics.ValidationError:
		return &translated{msg: validationMessage(e, files), err: e}
	case *badDataError:
		return &badDataError{columns(e.err, files)}
	case interface{ Unwrap() []error }: // errors.Join
		errs := e.Unwrap()
		out := make([]error, len(errs))
		for i, x := range errs {
			out[i] = columns(x, files)
		}
		return errors.Join(out...)
	}
	return err
}

// orderColumns and refundColumns name the columns of order_lines.csv and
// refunds.csv (see report/storedata) by the field of metrics.Order and
// metrics.Refund, and of their lines ("Lines[].Quantity").
var (
	orderColumns = map[string]string{"ID": "order_id", "PlacedAt": "placed_at", "Status": "status", "Currency": "currency",
		"Discount": "order_discount", "Shipping": "shipping", "Tax": "tax", "Lines[].Quantity": "quantity",
		"Lines[].UnitPrice": "unit_price", "Lines[].UnitCost": "unit_cost", "Lines[].Discount": "line_discount", "Lines[].SKU": "sku"}
	refundColumns = map[string]string{"ID": "refund_id", "OrderID": "order_id", "At": "refunded_at", "Amount": "amount",
		"Currency": "currency", "Lines[].Quantity": "quantity", "Lines[].SKU": "sku"}
)

// validationMessage writes e with the column of its field, of
// order_lines.csv for an order, with the order's line counted from 1
// ("line 2 of the order, quantity"), and of refunds.csv for a refund; the
// file names the message when files is set (-data). A field without a
// column is written as it is.
func validationMessage(e *metrics.ValidationError, files bool) string {
	file, cols := "order_lines.csv", orderColumns
	where := "order " + strconv.Quote(e.OrderID)
	if e.RefundID != "" {
		file, cols = "refunds.csv", refundColumns
		where = "refund " + strconv.Quote(e.RefundID) + " of " + where
	}
	field := e.Field
	if rest, ok := strings.CutPrefix(field, "Lines["); ok {
		if i, name, ok := strings.Cut(rest, "]."); ok {
			if n, err := strconv.Atoi(i); err == nil {
				if col, ok := cols["Lines[]."+name]; ok {
					field = fmt.Sprintf("line %d of the %s, %s", n+1, strings.Fields(where)[0], col)
				}
			}
		}
	} else if col, ok := cols[field]; ok {
		field = col
	}
	msg := where + ": " + e.Problem
	if field != "" {
		msg = where + ": " + field + ": " + e.Problem
	}
	if files {
		msg = file + ": " + msg
	}
	return msg
}

// translated is an error with a message for the command line.
type translated struct {
	msg string
	err error
}

func (e *translated) Error() string { return e.msg }
func (e *translated) Unwrap() error { return e.err }

// mixedCurrencyMessage says which currencies the store has and which flag
// chooses one: "the store has orders in USD and CNY (456 in CNY, first
// o2, o3, o4; the others in USD, the first order's): use -currency USD or
// -currency CNY …".
func mixedCurrencyMessage(e *report.MixedCurrencyError) string {
	others := slices.SortedFunc(maps.Keys(e.Orders), money.Currency.Compare)
	codes := []string{e.Want.Code()}
	var counts []string
	for _, c := range others {
		codes = append(codes, c.Code())
		counts = append(counts, fmt.Sprintf("%d in %s, first %s", e.Orders[c], c.Code(), strings.Join(e.First[c], ", ")))
	}
	flags := make([]string, len(codes))
	for i, c := range codes {
		flags[i] = "-currency " + c
	}
	return fmt.Sprintf("the store has orders in %s (%s; the others in %s, the first order's): a review is in one currency: "+
		"choose it with %s; the orders in the others are then left out and counted on the page",
		or(codes, "and"), strings.Join(counts, "; "), e.Want.Code(), or(flags, "or"))
}

// or joins a list for a sentence: "a, b and c".
func or(list []string, conj string) string {
	if len(list) == 1 {
		return list[0]
	}
	return strings.Join(list[:len(list)-1], ", ") + " " + conj + " " + list[len(list)-1]
}

package cli

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
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
	return err
}

// translated is an error with a message for the command line.
type translated struct {
	msg string
	err error
}

func (e *translated) Error() string { return e.msg }
func (e *translated) Unwrap() error { return e.err }

// mixedCurrencyMessage says which currencies the store has and which flag
// chooses one: "the store has orders in CNY and USD (1 in USD: o42): use
// -currency CNY to review the CNY orders, …".
func mixedCurrencyMessage(e *report.MixedCurrencyError) string {
	others := slices.SortedFunc(maps.Keys(e.Orders), money.Currency.Compare)
	codes := []string{e.Want.Code()}
	var counts []string
	for _, c := range others {
		codes = append(codes, c.Code())
		counts = append(counts, fmt.Sprintf("%d in %s, first %s", e.Orders[c], c.Code(), strings.Join(e.First[c], ", ")))
	}
	list := strings.Join(codes[:len(codes)-1], ", ") + " and " + codes[len(codes)-1]
	return fmt.Sprintf("the store has orders in %s (%s); a review is in one currency: use -currency %s "+
		"(the first order's) to review the %s orders, or -currency %s for the others; the orders in other "+
		"currencies are then left out and counted on the page",
		list, strings.Join(counts, "; "), e.Want.Code(), e.Want.Code(), others[0].Code())
}

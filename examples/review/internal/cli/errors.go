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

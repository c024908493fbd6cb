package metrics_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// A Merge of summarizers set up differently is refused with a
// *metrics.MergeError and leaves the receiver unchanged (issue 15).
func TestSummarizerMergeRefused(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	dec := metrics.MonthOf(2025, time.December, time.UTC)
	orders, refunds := smallStore()
	fill := func(p metrics.Period, opts metrics.Options) *metrics.Summarizer {
		s := &metrics.Summarizer{Period: p, Options: opts}
		summarizeInto(t, s, orders, refunds)
		return s
	}
	self := fill(nov, metrics.Options{})
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	// The same instants as nov in another location.
	in := func(loc *time.Location) metrics.Period {
		return metrics.Period{Start: nov.Start.In(loc), End: nov.End.In(loc), Grain: metrics.Month}
	}
	cstEast, cstWest := time.FixedZone("CST", 8*3600), time.FixedZone("CST", -6*3600)
	byDays := metrics.Options{RepurchaseByDays: true}
	history := func(at time.Time) metrics.Options {
		return metrics.Options{FirstOrders: map[string]time.Time{"c1": at}}
	}
	tests := []struct {
		name   string
		s, o   *metrics.Summarizer
		reason string
	}{
		{"period", fill(nov, metrics.Options{}), fill(dec, metrics.Options{}), "November and December cannot be added"},
		{"all time", fill(nov, metrics.Options{}), fill(metrics.Period{}, metrics.Options{}), "a zero Period is all time"},
		{"by days", fill(nov, metrics.Options{}), fill(nov, metrics.Options{RepurchaseByDays: true}), "repeat buyers are counted differently"},
		{"itself", self, self, "its orders would count twice"},
		{"location", fill(in(sh), byDays), fill(nov, byDays), "the same instants, but repeat days differ by time zone (review finding 5)"},
		{"zones of one name", fill(in(cstEast), byDays), fill(in(cstWest), byDays), "two zones named CST, 14 hours apart (review finding 7)"},
		{"first orders", fill(nov, metrics.Options{}), fill(nov, history(day(2020, 1, 1))), "a customer new in one is returning in the other (review finding 5)"},
		{"first order times", fill(nov, history(day(2020, 1, 1))), fill(nov, history(day(2021, 1, 1))), "the same customer, another first order"},
	}
	for _, tt := range tests {
		before := tt.s.Result()
		err := tt.s.Merge(tt.o)
		var me *metrics.MergeError
		if !errors.Is(err, metrics.ErrIncompatible) || !errors.As(err, &me) || me.Type != "Summarizer" {
			t.Errorf("%s: Merge = %v, want a *MergeError of Summarizer: %s", tt.name, err, tt.reason)
			continue
		}
		if diff := cmp.Diff(before, tt.s.Result(), cmpCurrency); diff != "" {
			t.Errorf("%s: refused Merge changed the receiver (-want +got):\n%s", tt.name, diff)
		}
	}
	// Accepted: one zone loaded twice, and equal histories in two maps.
	sh2, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	if err := fill(in(sh), byDays).Merge(fill(in(sh2), byDays)); err != nil {
		t.Errorf("Merge of one zone loaded twice: %v", err)
	}
	if err := fill(nov, history(day(2020, 1, 1))).Merge(fill(nov, history(day(2020, 1, 1).In(sh)))); err != nil {
		t.Errorf("Merge of equal FirstOrders in two maps: %v", err)
	}
}

// Summarizer and Validate report a currency problem as a *ValidationError
// that also wraps the money sentinel (issue 15).
func TestCurrencyProblemsWrapMoneyErrors(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	c := money.MustCurrency("CNY")
	usd := money.MustNew("1.00", "USD")
	line := metrics.Line{SKU: "A", Quantity: 1, UnitPrice: cny("10.00")}
	order := metrics.Order{ID: "O1", PlacedAt: day(2025, 11, 2), Status: metrics.Paid, Currency: c, Lines: []metrics.Line{line}}
	withLine := func(l metrics.Line) metrics.Order { o := order; o.Lines = []metrics.Line{l}; return o }
	tests := []struct {
		name   string
		order  metrics.Order
		refund *metrics.Refund
		want   error
	}{
		{"line price", withLine(metrics.Line{SKU: "A", Quantity: 1, UnitPrice: usd}), nil, money.ErrCurrencyMismatch},
		{"line discount", withLine(metrics.Line{SKU: "A", Quantity: 1, UnitPrice: cny("10.00"), Discount: usd}), nil, money.ErrCurrencyMismatch},
		{"shipping", func() metrics.Order { o := order; o.Shipping = usd; return o }(), nil, money.ErrCurrencyMismatch},
		{"no currency", func() metrics.Order { o := order; o.Currency = money.Currency{}; return o }(), nil, money.ErrUnknownCurrency},
		{"refund", order, &metrics.Refund{ID: "R1", OrderID: "O1", At: day(2025, 11, 3), Amount: usd}, money.ErrCurrencyMismatch},
	}
	for _, tt := range tests {
		var refunds []metrics.Refund
		if tt.refund != nil {
			refunds = append(refunds, *tt.refund)
		}
		_, err := metrics.Summarize(nov, slices.Values([]metrics.Order{tt.order}), slices.Values(refunds), metrics.Options{})
		if !errors.Is(err, metrics.ErrInvalid) || !errors.Is(err, tt.want) {
			t.Errorf("%s: Summarize error %v, want ErrInvalid and %v", tt.name, err, tt.want)
		}
		err = metrics.Validate(slices.Values([]metrics.Order{tt.order}), slices.Values(refunds))
		if !errors.Is(err, metrics.ErrInvalid) || !errors.Is(err, tt.want) {
			t.Errorf("%s: Validate error %v, want ErrInvalid and %v", tt.name, err, tt.want)
		}
	}
}

// A restocked refund of an unknown order says the order is unknown, not
// that the SKU is missing from it (issue 16, item 17).
func TestRestockedRefundOfUnknownOrder(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	r := metrics.Refund{ID: "R9", OrderID: "NOPE", At: day(2025, 11, 10), Amount: cny("10.00"),
		Lines: []metrics.ReturnedLine{{SKU: "A", Quantity: 1, Restocked: true}}}
	_, err := metrics.Summarize(nov, nil, slices.Values([]metrics.Refund{r}), metrics.Options{})
	var ve *metrics.ValidationError
	if !errors.As(err, &ve) || ve.Field != "OrderID" || !strings.Contains(ve.Problem, "unknown order") {
		t.Errorf("Summarize error %v, want an unknown order in field OrderID", err)
	}
	err = metrics.Validate(nil, slices.Values([]metrics.Refund{r}))
	if err == nil || !strings.Contains(err.Error(), "unknown order") || strings.Contains(err.Error(), "not in the order") {
		t.Errorf("Validate error %v, want only an unknown order", err)
	}
}

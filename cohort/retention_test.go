package cohort

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func TestRetentionTables(t *testing.T) {
	// Expected tables computed by hand from handStore (see its comment);
	// the as-of day defaults to the last order day, 2025-04-01.
	tests := []struct {
		name    string
		reason  string
		cfg     RetentionConfig
		measure Measure
		want    [][]string
	}{{
		name:    "monthly on",
		reason:  "Jan cohort {a,b}: a returns in Feb and Apr; Feb cohort {c}: c returns in Mar; May is not observed for Feb",
		measure: Customers,
		want: [][]string{
			{"cohort", "customers", "M0", "M1", "M2", "M3"},
			{"2025-01", "2", "2", "1", "0", "1"},
			{"2025-02", "1", "1", "1", "0", "n/a"},
		},
	}, {
		name:    "monthly on or after",
		reason:  "a is active in Apr, so counts in M1..M3; c has no order after Mar",
		cfg:     RetentionConfig{Kind: OnOrAfter},
		measure: Customers,
		want: [][]string{
			{"cohort", "customers", "M0", "M1", "M2", "M3"},
			{"2025-01", "2", "2", "1", "1", "1"},
			{"2025-02", "1", "1", "1", "0", "n/a"},
		},
	}, {
		name:    "monthly on, rate",
		reason:  "active / cohort size",
		measure: Rate,
		want: [][]string{
			{"cohort", "customers", "M0", "M1", "M2", "M3"},
			{"2025-01", "2", "100.00%", "50.00%", "0.00%", "50.00%"},
			{"2025-02", "1", "100.00%", "100.00%", "0.00%", "n/a"},
		},
	}, {
		name:    "rolling months",
		reason:  "a (Jan 5): Feb 10 in window 1, Apr 1 in window 2 (Mar 5..Apr 4); b (Jan 20) reaches window 2 on Mar 20; c (Feb 3): Mar 15 in window 1, window 2 starts Apr 3, after the as-of day",
		cfg:     RetentionConfig{Window: Rolling},
		measure: Customers,
		want: [][]string{
			{"cohort", "customers", "M0", "M1", "M2"},
			{"2025-01", "2", "2", "1", "1"},
			{"2025-02", "1", "1", "1", "n/a"},
		},
	}, {
		name:    "rolling months on or after",
		reason:  "as rolling months; a is active in window 2 so counts in 1 and 2",
		cfg:     RetentionConfig{Window: Rolling, Kind: OnOrAfter},
		measure: Customers,
		want: [][]string{
			{"cohort", "customers", "M0", "M1", "M2"},
			{"2025-01", "2", "2", "1", "1"},
			{"2025-02", "1", "1", "1", "n/a"},
		},
	}, {
		name:    "net sales",
		reason:  "Jan cohort: 100+200, 50, 0, 30; Feb cohort: 80+20, 40, 0",
		measure: NetSales,
		want: [][]string{
			{"cohort", "customers", "M0", "M1", "M2", "M3"},
			{"2025-01", "2", "300.00", "50.00", "0.00", "30.00"},
			{"2025-02", "1", "100.00", "40.00", "0.00", "n/a"},
		},
	}, {
		name:    "orders",
		reason:  "c orders twice in February",
		measure: Orders,
		want: [][]string{
			{"cohort", "customers", "M0", "M1", "M2", "M3"},
			{"2025-01", "2", "2", "1", "0", "1"},
			{"2025-02", "1", "2", "1", "0", "n/a"},
		},
	}, {
		name:    "ltv gross profit",
		reason:  "cost is half the price: Jan cumulative GP 150, 175, 175, 190 over 2 customers; Feb 50, 70, 70 over 1",
		measure: LTVGrossProfit,
		want: [][]string{
			{"cohort", "customers", "M0", "M1", "M2", "M3"},
			{"2025-01", "2", "75.00", "87.50", "87.50", "95.00"},
			{"2025-02", "1", "50.00", "70.00", "70.00", "n/a"},
		},
	}, {
		name:    "weekly on",
		reason:  "ISO weeks: a W01 (Jan 5 is a Sunday), W07, W14; b W04; c W06, W08, W11; the as-of day Feb 10 is in W07, so W04 reaches W3",
		cfg:     RetentionConfig{Grain: metrics.Week, AsOf: time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)},
		measure: Customers,
		want: [][]string{
			{"cohort", "customers", "W0", "W1", "W2", "W3", "W4", "W5", "W6"},
			{"2025-W01", "1", "1", "0", "0", "0", "0", "0", "1"},
			{"2025-W04", "1", "1", "0", "0", "0", "n/a", "n/a", "n/a"},
			{"2025-W06", "1", "1", "0", "n/a", "n/a", "n/a", "n/a", "n/a"},
		},
	}, {
		name:    "daily, as of Jan 7",
		reason:  "only a (Jan 5) is acquired by Jan 7; b and c come later and are left out",
		cfg:     RetentionConfig{Grain: metrics.Day, AsOf: time.Date(2025, 1, 7, 23, 0, 0, 0, time.UTC)},
		measure: Customers,
		want: [][]string{
			{"cohort", "customers", "D0", "D1", "D2"},
			{"2025-01-05", "1", "1", "0", "0"},
		},
	}, {
		name:    "rolling weeks, rate",
		reason:  "a (Jan 5) returns on days 36 (W5) and 86 (W12); b (Jan 20) is 71 days old, so only a is eligible for W11 and W12; c (Feb 3) returns on days 17 (W2) and 40 (W5) and is 57 days old (W8)",
		cfg:     RetentionConfig{Grain: metrics.Week, Window: Rolling},
		measure: Rate,
		want: [][]string{
			{"cohort", "customers", "W0", "W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8", "W9", "W10", "W11", "W12"},
			{"2025-W01", "1", "100.00%", "0.00%", "0.00%", "0.00%", "0.00%", "100.00%", "0.00%", "0.00%", "0.00%", "0.00%", "0.00%", "0.00%", "100.00%"},
			{"2025-W04", "1", "100.00%", "0.00%", "0.00%", "0.00%", "0.00%", "0.00%", "0.00%", "0.00%", "0.00%", "0.00%", "0.00%", "n/a", "n/a"},
			{"2025-W06", "1", "100.00%", "0.00%", "100.00%", "0.00%", "0.00%", "100.00%", "0.00%", "0.00%", "0.00%", "n/a", "n/a", "n/a", "n/a"},
		},
	}, {
		name:    "by channel, rolling weeks",
		reason:  "ads = {a, c}: a returns in W5 and W12, c in W2 and W5 (c reaches only W8, so W9..W12 count a alone); search = {b}, 71 days old (W10)",
		cfg:     RetentionConfig{Grain: metrics.Week, Window: Rolling, By: ByChannel},
		measure: Customers,
		want: [][]string{
			{"cohort", "customers", "W0", "W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8", "W9", "W10", "W11", "W12"},
			{"ads", "2", "2", "0", "1", "0", "0", "2", "0", "0", "0", "0", "0", "0", "1"},
			{"search", "1", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "n/a", "n/a"},
		},
	}, {
		name:    "by channel, rolling",
		reason:  "a and c came by ads, b by search; ads: both reach window 1 (a M1 Feb 10, c M1 Mar 15), only a reaches window 2 and returns there",
		cfg:     RetentionConfig{By: ByChannel, Window: Rolling},
		measure: Rate,
		want: [][]string{
			{"cohort", "customers", "M0", "M1", "M2"},
			{"ads", "2", "100.00%", "100.00%", "100.00%"},
			{"search", "1", "100.00%", "0.00%", "0.00%"},
		},
	}}
	l := ledgerOf(t, handStore())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := l.mustRetention(tt.cfg).mustTable(tt.measure)
			if diff := cmp.Diff(tt.want, got, opts); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestRetentionCells(t *testing.T) {
	l := ledgerOf(t, handStore())
	m := l.mustRetention(RetentionConfig{})
	cny := money.MustCurrency("CNY")
	// Feb cohort, hand computed: M1 is March, complete by Apr 1; M2 is
	// April, begun but not complete; M3 (May) not observed.
	feb := m.Rows[1]
	want := []Cell{
		{Observed: true, Complete: true, Eligible: 1, Active: 1, Retention: metrics.CountRatio(1, 1), Orders: 2,
			NetSales: cny.FromMinor(10000), GrossProfit: cny.FromMinor(5000), CumNetSales: cny.FromMinor(10000),
			CumGrossProfit: cny.FromMinor(5000), LTVNetSales: cny.FromMinor(10000), LTVGrossProfit: cny.FromMinor(5000)},
		{Observed: true, Complete: true, Eligible: 1, Active: 1, Retention: metrics.CountRatio(1, 1), Orders: 1,
			NetSales: cny.FromMinor(4000), GrossProfit: cny.FromMinor(2000), CumNetSales: cny.FromMinor(14000),
			CumGrossProfit: cny.FromMinor(7000), LTVNetSales: cny.FromMinor(14000), LTVGrossProfit: cny.FromMinor(7000)},
		{Observed: true, Complete: false, Eligible: 1, Active: 0, Retention: metrics.CountRatio(0, 1), Orders: 0,
			NetSales: cny.FromMinor(0), GrossProfit: cny.FromMinor(0), CumNetSales: cny.FromMinor(14000),
			CumGrossProfit: cny.FromMinor(7000), LTVNetSales: cny.FromMinor(14000), LTVGrossProfit: cny.FromMinor(7000)},
		{},
	}
	if diff := cmp.Diff(want, feb.Cells, opts); diff != "" {
		t.Errorf("Feb cohort cells (-want +got):\n%s", diff)
	}
	if got, want := feb.Period, metrics.MonthOf(2025, time.February, time.UTC); !got.Start.Equal(want.Start) || got.Grain != want.Grain {
		t.Errorf("Feb cohort period = %v, want %v", got, want)
	}
}

func TestCurve(t *testing.T) {
	l := ledgerOf(t, handStore())
	got := l.mustRetention(RetentionConfig{}).Curve()
	cny := money.MustCurrency("CNY")
	// Hand computed: M0..M2 pool both cohorts (3 customers); M3 only Jan (2).
	// Cumulative net sales: M0 300+100, M1 350+140, M2 350+140, M3 380.
	want := []CurvePoint{
		{Period: 0, Cohorts: 2, Eligible: 3, Active: 3, Retention: metrics.CountRatio(3, 3), LTVNetSales: cny.FromMinor(13333), LTVGrossProfit: cny.FromMinor(6667)},
		{Period: 1, Cohorts: 2, Eligible: 3, Active: 2, Retention: metrics.CountRatio(2, 3), LTVNetSales: cny.FromMinor(16333), LTVGrossProfit: cny.FromMinor(8167)},
		{Period: 2, Cohorts: 2, Eligible: 3, Active: 0, Retention: metrics.CountRatio(0, 3), LTVNetSales: cny.FromMinor(16333), LTVGrossProfit: cny.FromMinor(8167)},
		{Period: 3, Cohorts: 1, Eligible: 2, Active: 1, Retention: metrics.CountRatio(1, 2), LTVNetSales: cny.FromMinor(19000), LTVGrossProfit: cny.FromMinor(9500)},
	}
	if diff := cmp.Diff(want, got, opts); diff != "" {
		t.Errorf("Curve (-want +got):\n%s", diff)
	}
}

func TestRetentionEmpty(t *testing.T) {
	var l Ledger
	m := l.mustRetention(RetentionConfig{})
	if m.Periods != 0 || len(m.Rows) != 0 {
		t.Errorf("empty ledger: %d periods, %d rows; want none", m.Periods, len(m.Rows))
	}
	if !m.Config.AsOf.IsZero() {
		t.Errorf("empty ledger: as of %v, want the zero time", m.Config.AsOf)
	}
	if diff := cmp.Diff([][]string{{"cohort", "customers"}}, m.mustTable(Rate)); diff != "" {
		t.Errorf("empty table (-want +got):\n%s", diff)
	}
}

func TestRollingEligible(t *testing.T) {
	// By channel, rolling weeks: ads = {a, c}; c (57 days old) has reached
	// W8 but not W9, so W9..W12 have one eligible customer, a.
	l := ledgerOf(t, handStore())
	row := l.mustRetention(RetentionConfig{Grain: metrics.Week, Window: Rolling, By: ByChannel}).Rows[0]
	var got []int64
	for _, c := range row.Cells {
		got = append(got, c.Eligible)
	}
	want := []int64{2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("eligible customers of ads (-want +got):\n%s", diff)
	}
}

// Bad configuration is a *metrics.ConfigError naming the field, not a
// panic (issue 15); the problems of one configuration are joined.
func TestConfigErrors(t *testing.T) {
	l := ledgerOf(t, handStore())
	m := l.mustRetention(RetentionConfig{})
	retention := func(cfg RetentionConfig) error { _, err := l.Retention(cfg); return err }
	repurchase := func(cfg RepurchaseConfig) error { _, err := l.Repurchase(cfg); return err }
	summary := func(cfg SummaryConfig) error { _, err := l.Summary(cfg); return err }
	tests := []struct {
		name   string
		err    error
		fields []string
		reason string
	}{
		{"quarter grain", retention(RetentionConfig{Grain: metrics.Quarter}), []string{"RetentionConfig.Grain"}, "day, week or month"},
		{"unknown By", retention(RetentionConfig{By: By(99)}), []string{"RetentionConfig.By"}, "not a By constant"},
		{"unknown Kind", retention(RetentionConfig{Kind: Kind(2)}), []string{"RetentionConfig.Kind"}, "on or on or after"},
		{"unknown Window", retention(RetentionConfig{Window: Window(2)}), []string{"RetentionConfig.Window"}, "calendar or rolling"},
		{"all at once", retention(RetentionConfig{Grain: metrics.Year, By: By(9), Kind: Kind(7), Window: Window(3)}),
			[]string{"RetentionConfig.Kind", "RetentionConfig.Window", "RetentionConfig.Grain", "RetentionConfig.By"}, "every problem at once"},
		{"matrix too large", retention(RetentionConfig{Grain: metrics.Day, AsOf: time.Date(9_000_000, 1, 1, 0, 0, 0, 0, time.UTC)}),
			[]string{"RetentionConfig.AsOf"}, "2^31 cells or more used to panic"},
		{"unknown Measure", func() error { _, err := m.Table(Measure(99)); return err }(), []string{"Table(v)"}, "not a Measure constant, named as the parameter of Table"},
		{"negative window", repurchase(RepurchaseConfig{Within: []int{30, -1}}), []string{"RepurchaseConfig.Within[1]"}, "a window is days"},
		{"repurchase grain and By", repurchase(RepurchaseConfig{Grain: metrics.Quarter, By: By(5)}),
			[]string{"RepurchaseConfig.Grain", "RepurchaseConfig.By"}, "every problem at once"},
		{"negative unit", summary(SummaryConfig{UnitDays: -7}), []string{"SummaryConfig.UnitDays"}, "a unit is days"},
		{"holdout before calibration", summary(SummaryConfig{CalibrationEnd: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
			HoldoutEnd: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)}), []string{"SummaryConfig.HoldoutEnd"}, "the holdout follows calibration"},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, metrics.ErrConfig) {
			t.Errorf("%s: error %v, want metrics.ErrConfig: %s", tt.name, tt.err, tt.reason)
			continue
		}
		if diff := cmp.Diff(tt.fields, configFields(tt.err)); diff != "" {
			t.Errorf("%s: fields (-want +got):\n%s", tt.name, diff)
		}
	}
}

// Many daily cohorts and an as-of day near the end of time.Time make a
// cell count beyond int64: it used to wrap before the 2^31 check and
// panic in makeslice (review finding 2). 90,000 cohorts of about 1.07e14
// days each (year 1700 to year 2.9e11) are 9.6e18 cells, past 2^63.
func TestRetentionCellCountOverflow(t *testing.T) {
	var l Ledger
	cny := money.MustCurrency("CNY")
	start := time.Date(1700, 1, 1, 10, 0, 0, 0, time.UTC)
	for i := range 90_000 {
		o := metrics.Order{ID: "o" + strconv.Itoa(i), CustomerID: "c" + strconv.Itoa(i), PlacedAt: start.AddDate(0, 0, i),
			Status: metrics.Paid, Currency: cny, Lines: []metrics.Line{{SKU: "S", Quantity: 1, UnitPrice: cny.FromMinor(100)}}}
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	asOf := time.Date(290_000_000_000, 1, 1, 0, 0, 0, 0, time.UTC)
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("Retention panicked: %v", r)
		}
	}()
	m, err := l.Retention(RetentionConfig{Grain: metrics.Day, AsOf: asOf})
	if diff := cmp.Diff([]string{"RetentionConfig.AsOf"}, configFields(err)); diff != "" || m != nil {
		t.Errorf("Retention = %v, %v; want no matrix and a *metrics.ConfigError of RetentionConfig.AsOf (-want +got):\n%s", m != nil, err, diff)
	}
}

// configFields returns the fields of the *metrics.ConfigError values in err,
// which may be joined.
func configFields(err error) []string {
	var out []string
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			out = append(out, configFields(e)...)
		}
		return out
	}
	var ce *metrics.ConfigError
	if errors.As(err, &ce) {
		out = append(out, ce.Field)
	}
	return out
}

// A refused Merge is a *metrics.MergeError and leaves the receiver as it
// was (issue 15): it used to panic for locations and for a ledger merged
// with itself.
func TestMergeRefused(t *testing.T) {
	usd := money.MustCurrency("USD")
	tests := []struct {
		name     string
		other    func(l *Ledger) *Ledger
		currency bool
		reason   string
	}{
		{"location", func(*Ledger) *Ledger {
			o := Ledger{Location: time.FixedZone("X", 3600)}
			if err := o.Add(metrics.Order{ID: "x", CustomerID: "c", PlacedAt: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), Currency: usd}); err != nil {
				t.Fatal(err)
			}
			return &o
		}, false, "days would not line up"},
		{"itself", func(l *Ledger) *Ledger { return l }, false, "orders would count twice"},
		{"currency", func(*Ledger) *Ledger {
			var o Ledger
			if err := o.Add(metrics.Order{ID: "x", CustomerID: "c", PlacedAt: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), Currency: usd,
				Lines: []metrics.Line{{SKU: "A", Quantity: 1, UnitPrice: money.MustNew("1.00", "USD")}}}); err != nil {
				t.Fatal(err)
			}
			return &o
		}, true, "one ledger, one currency"},
	}
	for _, tt := range tests {
		l := ledgerOf(t, handStore())
		before := l.mustRetention(RetentionConfig{})
		beforeOrders := l.Orders()
		err := l.Merge(tt.other(l))
		var me *metrics.MergeError
		if !errors.Is(err, metrics.ErrIncompatible) || !errors.As(err, &me) || me.Type != "Ledger" {
			t.Errorf("%s: Merge = %v, want a *metrics.MergeError of Ledger: %s", tt.name, err, tt.reason)
			continue
		}
		if tt.currency != errors.Is(err, money.ErrCurrencyMismatch) {
			t.Errorf("%s: Merge = %v; wraps money.ErrCurrencyMismatch %v, want %v", tt.name, err, !tt.currency, tt.currency)
		}
		if diff := cmp.Diff(before, l.mustRetention(RetentionConfig{})); diff != "" || l.Orders() != beforeOrders {
			t.Errorf("%s: refused Merge changed the ledger (-want +got):\n%s", tt.name, diff)
		}
	}
}

// Two fixed zones of one name, "CST" at +8 and at −6 hours, used to
// merge: an order of 1 February in the receiver's zone was filed under
// January (review finding 7).
func TestMergeZonesOfOneName(t *testing.T) {
	cny := money.MustCurrency("CNY")
	order := func(id string, at time.Time) metrics.Order {
		return metrics.Order{ID: id, CustomerID: id, PlacedAt: at, Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{{SKU: "S", Quantity: 1, UnitPrice: cny.FromMinor(100)}}}
	}
	a := Ledger{Location: time.FixedZone("CST", 8*3600)}
	b := Ledger{Location: time.FixedZone("CST", -6*3600)}
	if err := a.Add(order("a", time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC))); err != nil {
		t.Fatal(err)
	}
	// 1 February in UTC+8, 31 January in UTC−6.
	if err := b.Add(order("b", time.Date(2025, 1, 31, 20, 0, 0, 0, time.UTC))); err != nil {
		t.Fatal(err)
	}
	before := a.mustRetention(RetentionConfig{})
	err := a.Merge(&b)
	var me *metrics.MergeError
	if !errors.Is(err, metrics.ErrIncompatible) || !errors.As(err, &me) {
		t.Fatalf("Merge(CST+8, CST−6) = %v, want a *metrics.MergeError", err)
	}
	if diff := cmp.Diff(before, a.mustRetention(RetentionConfig{})); diff != "" {
		t.Errorf("refused Merge changed the ledger (-want +got):\n%s", diff)
	}
	c := Ledger{Location: time.FixedZone("CST", 8*3600)}
	if err := c.Merge(&a); err != nil {
		t.Errorf("Merge of two fixed zones alike: %v", err)
	}
}

// SegmentOf still panics on a score outside 1 to 5: a programmer error, as
// documented.
func TestSegmentOfPanics(t *testing.T) {
	defer func() {
		r := recover()
		if s, ok := r.(string); !ok || !strings.HasPrefix(s, "cohort: ") {
			t.Errorf("recovered %v; want a panic message starting with \"cohort: \"", r)
		}
	}()
	SegmentOf(0, 3)
}

func TestRetentionHugeAmounts(t *testing.T) {
	// Three orders of one customer whose sums pass the int64 range of
	// minor units (9.22e18): each ¥6e16 (6e18 fen) at cost ¥1e16, two on
	// 2025-01-05 and one on 2025-02-10, and a refund of ¥6e16 with its
	// unit restocked. The cells must hold the exact decimal sums, whether
	// the matrix reads the log or the sorted days.
	cny := money.MustCurrency("CNY")
	big := func(id, day string) metrics.Order {
		o := order(id, "a", day, 1, "")
		o.Lines[0].UnitPrice, o.Lines[0].UnitCost = cny.FromMinor(6e18), cny.FromMinor(1e18)
		return o
	}
	orders := []metrics.Order{big("1", "2025-01-05"), big("2", "2025-01-05"), big("3", "2025-02-10")}
	refund := metrics.Refund{ID: "r", OrderID: "3", At: orders[2].PlacedAt.Add(time.Hour), Amount: cny.FromMinor(6e18),
		Lines: []metrics.ReturnedLine{{SKU: "S", Quantity: 1, Restocked: true}}}
	want := [][]string{
		{"cohort", "customers", "M0", "M1"},
		{"2025-01", "1", "120000000000000000.00", "0.00"},
	}
	wantGP := [][]string{
		{"cohort", "customers", "M0", "M1"},
		{"2025-01", "1", "100000000000000000.00", "100000000000000000.00"},
	}
	for _, flushed := range []bool{false, true} {
		var l Ledger
		if err := l.AddAll(orders[:2]); err != nil {
			t.Fatal(err)
		}
		if err := l.Add(orders[2], refund); err != nil {
			t.Fatal(err)
		}
		if flushed {
			l.flush()
		}
		m := l.mustRetention(RetentionConfig{})
		if diff := cmp.Diff(want, m.mustTable(NetSales)); diff != "" {
			t.Errorf("flushed %v: net sales (-want +got):\n%s", flushed, diff)
		}
		if diff := cmp.Diff(wantGP, m.mustTable(LTVGrossProfit)); diff != "" {
			t.Errorf("flushed %v: cumulative gross profit per customer (-want +got):\n%s", flushed, diff)
		}
	}
}

func TestRetentionGrossProfitOverflow(t *testing.T) {
	// One day holds a refund of ¥6e16 (not restocked) of an earlier order
	// and a new order of 1 fen that cost ¥5e16: the day's net sales
	// (−6e18 fen + 1) and COGS (5e18 fen) each fit an int64, their
	// difference does not. Gross profit of February must still be exact.
	cny := money.MustCurrency("CNY")
	first := order("1", "a", "2025-01-05", 1, "")
	first.Lines[0].UnitPrice, first.Lines[0].UnitCost = cny.FromMinor(6e18), cny.FromMinor(0)
	cheap := order("2", "a", "2025-02-10", 1, "")
	cheap.Lines[0].UnitPrice, cheap.Lines[0].UnitCost = cny.FromMinor(1), cny.FromMinor(5e18)
	refund := metrics.Refund{ID: "r", OrderID: "1", At: cheap.PlacedAt, Amount: cny.FromMinor(6e18)}
	want := [][]string{
		{"cohort", "customers", "M0", "M1"},
		{"2025-01", "1", "60000000000000000.00", "-109999999999999999.99"},
	}
	for _, flushed := range []bool{false, true} {
		var l Ledger
		if err := l.Add(first, refund); err != nil {
			t.Fatal(err)
		}
		if err := l.Add(cheap); err != nil {
			t.Fatal(err)
		}
		if flushed {
			l.flush()
		}
		if diff := cmp.Diff(want, l.mustRetention(RetentionConfig{}).mustTable(GrossProfit)); diff != "" {
			t.Errorf("flushed %v: gross profit (-want +got):\n%s", flushed, diff)
		}
	}
}

// Every currency problem of Ledger.Add wraps a money sentinel (issue 15).
func TestCurrencyProblems(t *testing.T) {
	at := time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
	line := metrics.Line{SKU: "A", Quantity: 1, UnitPrice: money.MustNew("1.00", "CNY")}
	tests := []struct {
		name  string
		first money.Currency // the ledger's currency; zero for an empty ledger
		order metrics.Order
		want  error
	}{
		{"order currency", money.MustCurrency("CNY"), metrics.Order{ID: "o", CustomerID: "c", PlacedAt: at, Currency: money.MustCurrency("USD")}, money.ErrCurrencyMismatch},
		{"line price", money.MustCurrency("USD"), metrics.Order{ID: "o", CustomerID: "c", PlacedAt: at, Currency: money.MustCurrency("USD"), Lines: []metrics.Line{line}}, money.ErrCurrencyMismatch},
		{"no currency", money.Currency{}, metrics.Order{ID: "o", CustomerID: "c", PlacedAt: at}, money.ErrUnknownCurrency},
	}
	for _, tt := range tests {
		var l Ledger
		if !tt.first.IsZero() {
			if err := l.Add(metrics.Order{ID: "first", CustomerID: "f", PlacedAt: at, Currency: tt.first}); err != nil {
				t.Fatal(err)
			}
		}
		err := l.Add(tt.order)
		if !errors.Is(err, ErrInvalidOrder) || !errors.Is(err, tt.want) {
			t.Errorf("%s: Add = %v, want ErrInvalidOrder and %v", tt.name, err, tt.want)
		}
	}
}

package market_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/market"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

var (
	dec     = metrics.MonthOf(2025, time.December, time.UTC)
	usd     = money.MustCurrency("USD")
	undefN  = metrics.Undefined(metrics.UnitNumber)
	undefM  = metrics.Undefined(metrics.UnitMoney)
	undefR  = metrics.Undefined(metrics.UnitRatio)
	zeroUSD = usd.Zero()
)

func m(s string) money.Money { return money.MustNew(s, "USD") }

func day(d int) time.Time { return time.Date(2025, time.December, d, 0, 0, 0, 0, time.UTC) }

func order(id string, at time.Time, discount string, lines ...metrics.Line) metrics.Order {
	o := metrics.Order{ID: id, PlacedAt: at, Status: metrics.Paid, Currency: usd, Lines: lines}
	if discount != "" {
		o.Discount = m(discount)
	}
	return o
}

func line(sku string, q int64, price string) metrics.Line {
	return metrics.Line{SKU: sku, Quantity: q, UnitPrice: m(price)}
}

// handTracker is the hand table of TestSummarize.
func handTracker(t *testing.T) *market.Tracker {
	t.Helper()
	tr := &market.Tracker{Period: dec}
	prices := []market.Price{
		{SKU: "A", Competitor: "X", Day: day(1), Price: m("10.00")},
		{SKU: "A", Competitor: "X", Day: day(2), Price: m("12.00")},
		{SKU: "A", Competitor: "X", Day: day(11), Price: m("10.00"), Promotion: true},
		{SKU: "A", Competitor: "Y", Day: day(1), Price: m("11.00")},
		{SKU: "A", Competitor: "Y", Day: day(12), Price: m("12.00"), Promotion: true},
		{SKU: "A", Competitor: "Y", Day: day(1).AddDate(0, -1, 0), Price: m("1.00")}, // November: left out
		{SKU: "B", Competitor: "X", Day: day(12), Price: m("18.00"), Promotion: true},
		{SKU: "B", Competitor: "Y", Day: day(3), Price: m("17.00")},
		{SKU: "C", Competitor: "X", Day: day(3), Price: m("5.00")},
		{SKU: "D", Competitor: "X", Day: day(3), Price: m("9.00")},
	}
	for _, p := range prices {
		if err := tr.AddPrice(p); err != nil {
			t.Fatal(err)
		}
	}
	nov := day(5).AddDate(0, -1, 0)
	orders := []metrics.Order{
		// A: 3 units at a mean list price of 33.00 / 3 = 11.00, net 30.00.
		order("1", day(4), "3.00", line("A", 2, "10.00"), line("A", 1, "13.00")),
		// B: 1 unit at 20.00 in December, 4 in November.
		order("2", day(5), "", line("B", 1, "20.00")),
		order("3", nov, "", line("B", 4, "20.00")),
		// C: sold in November only, at 5.00: priced from November.
		order("4", nov, "", line("C", 2, "5.00")),
		// Cancelled: counts in nothing.
		{ID: "5", PlacedAt: day(6), Status: metrics.Cancelled, Currency: usd, Lines: []metrics.Line{line("A", 100, "1.00")}},
	}
	for _, o := range orders {
		if err := tr.AddOrder(o); err != nil {
			t.Fatal(err)
		}
	}
	if err := tr.AddPromotion(metrics.DayOf(2025, time.December, 12, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return tr
}

func num(v float64) metrics.Value { return metrics.NumberValue(v) }

func change(cur, prev float64) metrics.Value {
	return metrics.RatioValue(metrics.Change(cur, prev))
}

func TestSummarize(t *testing.T) {
	// The expected indices were computed with Python's fractions from the
	// prices above (our A 11, B 20, C 5; X A median(10,10,12)=10, B 18,
	// C 5; Y A median(11,12)=11.5, B 17; market A 10.75, B 17.5, C 5;
	// weights: December net sales A 30, B 20, C 0), printed as floats.
	want := market.Summary{
		Period: dec, Above: 0.05, Competitors: []string{"X", "Y"}, Observations: 9,
		SKUs: []market.SKU{
			{SKU: "A", OurPrice: metrics.MoneyValue(m("11.00")),
				Prices: []market.CompetitorPrice{
					{Competitor: "X", Price: m("10.00"), Observations: 3, Index: num(110)},
					{Competitor: "Y", Price: m("11.50"), Observations: 2, Index: num(95.65217391304348)},
				},
				MarketPrice: m("10.75"), Index: num(102.32558139534883), Band: market.Near,
				Sales: market.Sales{Units: 3, Net: m("30.00")}, Previous: market.Sales{Net: zeroUSD},
				UnitsChange: undefR, NetChange: undefR},
			{SKU: "B", OurPrice: metrics.MoneyValue(m("20.00")),
				Prices: []market.CompetitorPrice{
					{Competitor: "X", Price: m("18.00"), Observations: 1, Index: num(111.11111111111111)},
					{Competitor: "Y", Price: m("17.00"), Observations: 1, Index: num(117.6470588235294)},
				},
				MarketPrice: m("17.50"), Index: num(114.28571428571429), Band: market.Above,
				Sales: market.Sales{Units: 1, Net: m("20.00")}, Previous: market.Sales{Units: 4, Net: m("80.00")},
				UnitsChange: change(1, 4), NetChange: change(20, 80)},
			{SKU: "C", OurPrice: metrics.MoneyValue(m("5.00")),
				Prices:      []market.CompetitorPrice{{Competitor: "X", Price: m("5.00"), Observations: 1, Index: num(100)}},
				MarketPrice: m("5.00"), Index: num(100), Band: market.AtOrBelow,
				Sales: market.Sales{Net: zeroUSD}, Previous: market.Sales{Units: 2, Net: m("10.00")},
				UnitsChange: change(0, 2), NetChange: change(0, 10)},
			{SKU: "D", OurPrice: undefM,
				Prices:      []market.CompetitorPrice{{Competitor: "X", Price: m("9.00"), Observations: 1, Index: undefN}},
				MarketPrice: m("9.00"), Index: undefN, Band: market.Unpriced,
				Sales: market.Sales{Net: zeroUSD}, Previous: market.Sales{Net: zeroUSD},
				UnitsChange: undefR, NetChange: undefR},
		},
		Indices: []market.Index{
			{Competitor: "X", Index: num(110.44444444444444), SKUs: 3, Weighted: 2, Sales: m("50.00"), Dearer: 2},
			{Competitor: "Y", Index: num(104.45012787723785), SKUs: 2, Weighted: 2, Sales: m("50.00"), Dearer: 1, Cheaper: 1},
		},
		Market: market.Index{Index: num(107.10963455149502), SKUs: 3, Weighted: 2, Sales: m("50.00"), Dearer: 2},
		AboveMarket: market.Group{SKUs: 1, Fell: 1, Sales: market.Sales{Units: 1, Net: m("20.00")},
			Previous: market.Sales{Units: 4, Net: m("80.00")}, UnitsChange: change(1, 4), NetChange: change(20, 80)},
		NearMarket: market.Group{SKUs: 1, Sales: market.Sales{Units: 3, Net: m("30.00")}, Previous: market.Sales{Net: zeroUSD},
			UnitsChange: undefR, NetChange: undefR},
		AtOrBelow: market.Group{SKUs: 1, Fell: 1, Sales: market.Sales{Net: zeroUSD}, Previous: market.Sales{Units: 2, Net: m("10.00")},
			UnitsChange: change(0, 2), NetChange: change(0, 10)},
		Unpriced:         1,
		OurPromotionDays: []string{"2025-12-12"},
		Promotions: []market.PromotionDays{
			{Competitor: "X", Days: []string{"2025-12-11", "2025-12-12"}, Overlap: []string{"2025-12-12"}, Alone: []string{"2025-12-11"}},
			{Competitor: "Y", Days: []string{"2025-12-12"}, Overlap: []string{"2025-12-12"}},
		},
	}
	got := handTracker(t).Summarize(market.Config{})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Summarize (-want +got):\n%s", diff)
	}
}

func TestSummarizeThreshold(t *testing.T) {
	tests := []struct {
		name   string
		above  float64
		want   market.Band // of SKU A, at index 102.33
		reason string
	}{
		{"default", 0, market.Near, "102.33 is within 5 % of the market"},
		{"two percent", 0.02, market.Above, "102.33 is more than 2 % above"},
		{"negative", -1, market.Above, "a negative margin means 0: any price above the market"},
		{"NaN", nanValue(), market.Near, "NaN means the default"},
	}
	tr := handTracker(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tr.Summarize(market.Config{Above: tc.above})
			if got := s.SKUs[0].Band; s.SKUs[0].SKU != "A" || got != tc.want {
				t.Errorf("band of %s = %v, want %v: %s", s.SKUs[0].SKU, got, tc.want, tc.reason)
			}
		})
	}
}

func nanValue() float64 {
	zero := 0.0
	return zero / zero
}

func TestEmpty(t *testing.T) {
	tr := &market.Tracker{Period: dec}
	s := tr.Summarize(market.Config{})
	if len(s.SKUs) != 0 || s.Market.Index.Defined() || len(s.Indices) != 0 || s.Unpriced != 0 {
		t.Errorf("empty tracker: %+v", s)
	}
}

func TestErrors(t *testing.T) {
	var zero market.Tracker
	if err := zero.AddPrice(market.Price{}); !errors.Is(err, market.ErrNoPeriod) {
		t.Errorf("AddPrice without a period = %v, want ErrNoPeriod", err)
	}
	if err := zero.AddOrder(metrics.Order{}); !errors.Is(err, market.ErrNoPeriod) {
		t.Errorf("AddOrder without a period = %v, want ErrNoPeriod", err)
	}
	tr := &market.Tracker{Period: dec}
	err := tr.AddPrice(market.Price{Day: day(1), Price: m("-1")})
	var pe *market.PriceError
	if !errors.As(err, &pe) || !errors.Is(err, market.ErrInvalid) {
		t.Fatalf("AddPrice of an invalid price = %v, want *PriceError wrapping ErrInvalid", err)
	}
	want := "market: price of (none) at (none) on 2025-12-01: SKU empty\n" +
		"market: price of (none) at (none) on 2025-12-01: Competitor empty\n" +
		"market: price of (none) at (none) on 2025-12-01: Price not positive: USD -1.00"
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("every problem at once (-want +got):\n%s", diff)
	}
	if err := tr.AddPrice(market.Price{SKU: "A", Competitor: "X", Day: day(1), Price: m("1")}); err != nil {
		t.Fatal(err)
	}
	err = tr.AddPrice(market.Price{SKU: "A", Competitor: "X", Day: day(1), Price: money.MustNew("1", "EUR")})
	if !errors.Is(err, money.ErrCurrencyMismatch) || !errors.As(err, &pe) || pe.Field != "Price" {
		t.Errorf("price in EUR = %v, want a *PriceError wrapping ErrCurrencyMismatch", err)
	}
	err = tr.AddOrder(metrics.Order{ID: "e", PlacedAt: day(2), Currency: money.MustCurrency("EUR")})
	var ve *metrics.ValidationError
	if !errors.As(err, &ve) || ve.OrderID != "e" || !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("order in EUR = %v, want a *metrics.ValidationError of order e", err)
	}
	err = tr.AddOrder(order("d", day(2), "50.00", line("A", 1, "10.00")))
	if !errors.As(err, &ve) || ve.OrderID != "d" {
		t.Errorf("order discount above its lines = %v, want a *metrics.ValidationError of order d", err)
	}
	if s := tr.Summarize(market.Config{}); s.Observations != 1 || s.SKUs[0].Sales.Units != 0 {
		t.Errorf("rejected records changed the tracker: %+v", s)
	}
	other := &market.Tracker{Period: dec.Previous()}
	var me *metrics.MergeError
	if err := tr.Merge(other); !errors.As(err, &me) || !errors.Is(err, metrics.ErrIncompatible) {
		t.Errorf("Merge of another period = %v, want *metrics.MergeError", err)
	}
	eur := &market.Tracker{Period: dec}
	if err := eur.AddPrice(market.Price{SKU: "A", Competitor: "X", Day: day(1), Price: money.MustNew("1", "EUR")}); err != nil {
		t.Fatal(err)
	}
	if err := tr.Merge(eur); !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("Merge of another currency = %v, want ErrCurrencyMismatch", err)
	}
}

func TestBand(t *testing.T) {
	for _, b := range []market.Band{market.Unpriced, market.AtOrBelow, market.Near, market.Above} {
		text, _ := b.MarshalText()
		var got market.Band
		if err := got.UnmarshalText(text); err != nil || got != b {
			t.Errorf("band %v round trip = %v, %v", b, got, err)
		}
	}
	var b market.Band
	if err := b.UnmarshalText([]byte("cheap")); err == nil {
		t.Error("UnmarshalText of an unknown band: no error")
	}
}

package promo_test

import (
	"fmt"
	"log"
	"math/rand/v2"
	"time"

	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo"
)

// A small tea shop: three teas and two snacks, ten weeks of orders from
// Monday 1 September 2025. The promotion runs in weeks 7 and 8.
const shopSeed = 8

var (
	cny      = money.MustCurrency("CNY")
	shopOpen = time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)
	window   = metrics.Period{Start: shopOpen.AddDate(0, 0, 42), End: shopOpen.AddDate(0, 0, 56)}
	catalog  = []struct {
		sku, category string
		price, cost   int64 // minor units
	}{
		{"green", "tea", 5000, 3000}, {"oolong", "tea", 6000, 3500}, {"puer", "tea", 8000, 5000},
		{"cookie", "snack", 2000, 1200}, {"nuts", "snack", 3000, 1800},
	}
)

// shop generates the orders, about volume a day. In the window, each tea order is repeated
// extra times (weekdayLift and weekendLift are extra orders per 10), and
// promote gives each order its discount.
func shop(volume, weekdayLift, weekendLift int, promote func(o *metrics.Order)) []metrics.Order {
	r := rand.New(rand.NewPCG(shopSeed, 7))
	var out []metrics.Order
	for day := range 70 {
		at := shopOpen.AddDate(0, 0, day).Add(11 * time.Hour)
		weekend := at.Weekday() == time.Saturday || at.Weekday() == time.Sunday
		n := volume + r.IntN(volume/2+1)
		if weekend {
			n += volume / 2
		}
		inWindow := window.Contains(at)
		for range n {
			o := metrics.Order{ID: fmt.Sprintf("%d-%d", day, len(out)), PlacedAt: at, Status: metrics.Paid, Currency: cny}
			for range 1 + r.IntN(2) {
				c := catalog[r.IntN(len(catalog))]
				o.Lines = append(o.Lines, metrics.Line{SKU: c.sku, Category: c.category, Quantity: int64(1 + r.IntN(3)),
					UnitPrice: cny.FromMinor(c.price), UnitCost: cny.FromMinor(c.cost)})
			}
			copies := 1
			if inWindow && o.Lines[0].Category == "tea" {
				lift := weekdayLift
				if weekend {
					lift = weekendLift
				}
				if r.IntN(10) < lift {
					copies++
				}
			}
			for k := range copies {
				c := o
				c.ID = fmt.Sprintf("%s-%d", o.ID, k)
				c.Lines = append([]metrics.Line(nil), o.Lines...)
				if inWindow {
					promote(&c)
				}
				out = append(out, c)
			}
		}
	}
	return out
}

// tea20 is the package example's promotion, 20 % off all tea in weeks 7
// and 8 with fixed and media costs, and the shop's orders under it.
func tea20() (promo.Promotion, []metrics.Order) {
	p := promo.Promotion{
		ID: "tea20", Name: "20% off all tea", Window: window,
		Scope:     promo.Scope{Categories: []string{"tea"}},
		Mechanism: promo.PercentOff, Percent: decimal.RequireFromString("0.20"),
		FixedCost: money.MustNew("300", "CNY"), MediaCost: money.MustNew("500", "CNY"),
	}
	return p, shop(10, 6, 6, func(o *metrics.Order) {
		for i := range o.Lines {
			if o.Lines[i].Category == "tea" {
				gross := o.Lines[i].UnitPrice.Mul(o.Lines[i].Quantity)
				o.Lines[i].Discount = gross.MulRate(p.Percent).Round(money.RoundHalfEven)
				o.Lines[i].Promotion = p.ID
			}
		}
	})
}

func analyze(p promo.Promotion, orders []metrics.Order) *promo.Result {
	var l promo.Ledger
	if err := l.Track(p); err != nil {
		log.Fatal(err)
	}
	for _, o := range orders {
		if err := l.Add(o); err != nil {
			log.Fatal(err)
		}
	}
	r, err := l.Analyze(p.ID, promo.Config{})
	if err != nil {
		log.Fatal(err)
	}
	return r
}

// The ROI of a 20 %-off promotion on tea: the lift in gross profit after
// the discounts, the side effects, and ROI as METRICS.md defines it.
//
// Units rose by 39 % over the same-weekday baseline, yet gross profit fell:
// the extra units did not pay for the 20 % given away on every unit, the
// ones that would have sold anyway included. The interval excludes zero,
// so the loss is not noise.
func Example() {
	p, orders := tea20()
	r := analyze(p, orders)
	fmt.Printf("units: %d sold, %.1f expected, %+.1f incremental\n", r.Lift.Actual.Units, r.Lift.Baseline.Units, r.Lift.Units)
	fmt.Println("incremental gross profit:", r.Lift.GrossProfit, r.Lift.GrossProfitCI)
	fmt.Println("verdict:", r.Lift.Verdict)
	fmt.Println("discounts given:", r.Discounts, "depth", r.DiscountDepth.Percent(2))
	fmt.Println("cost:", r.Cost)
	fmt.Println("ROI:", r.ROI.Percent(2), "ROAS:", r.ROAS)
	fmt.Println("halo:", r.Halo.GrossProfit, r.Halo.Verdict)
	fmt.Println("pull-forward:", r.PullForward.GrossProfit, r.PullForward.Verdict)
	fmt.Println("net ROI after side effects:", r.NetROI.Percent(2))
	fmt.Println()
	fmt.Println(r.Summary())
	// Output:
	// units: 519 sold, 373.0 expected, +146.0 incremental
	// incremental gross profit: CNY -2719.50 [CNY -4616.61, CNY -822.39] (95%)
	// verdict: negative
	// discounts given: CNY 6602.00 depth 20.00%
	// cost: CNY 7402.00
	// ROI: -47.55% ROAS: 52.8160
	// halo: CNY 300.00 not distinguishable from zero
	// pull-forward: CNY 177.50 not distinguishable from zero
	// net ROI after side effects: -41.10%
	//
	// 20% off all tea, 2025-10-13..2025-10-26: incremental gross profit CNY -2719.50 [CNY -4616.61, CNY -822.39] (95%) against the same-weekday baseline: the promotion lost gross profit.
	// ROI -47.55% [-73.18%, -21.92%] on a cost of CNY 7402.00; net ROI after side effects -41.10%.
	// Verdict: does not pay (the whole ROI interval is below zero).
	// Caveat: cannibalization not measured: no items of the promoted categories outside the scope.
}

// A 满减 promotion, spend CNY 200 save CNY 30 on tea: the order discount is
// allocated to the lines in proportion to their value, so each SKU's
// discount and lift are exact. Pu'er, the dearest tea, takes the largest
// share of the discount and its lift cannot be told from noise.
func ExampleLedger_BySKU() {
	p := promo.Promotion{
		ID: "tea200-30", Name: "满200减30", Window: window,
		Scope:     promo.Scope{Categories: []string{"tea"}},
		Mechanism: promo.SpendSave, Threshold: money.MustNew("200", "CNY"), Amount: money.MustNew("30", "CNY"),
	}
	orders := shop(30, 5, 5, func(o *metrics.Order) {
		var tea money.Sum // the tea in the order, in one currency
		for _, l := range o.Lines {
			if l.Category == "tea" {
				tea.Add(l.UnitPrice.Mul(l.Quantity))
			}
		}
		k, err := tea.Total(p.Threshold.Currency()).Cmp(p.Threshold)
		if err != nil {
			log.Fatal(err)
		}
		if k >= 0 {
			o.Discount, o.Promotion = p.Amount, p.ID
		}
	})
	var l promo.Ledger
	if err := l.Track(p); err != nil {
		log.Fatal(err)
	}
	for _, o := range orders {
		if err := l.Add(o); err != nil {
			log.Fatal(err)
		}
	}
	skus, err := l.BySKU(p.ID, promo.Config{})
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range skus {
		fmt.Printf("%-6s discounts %-12v units %+6.1f gross profit %-13v %v\n", s.SKU, s.Discounts, s.Units, s.GrossProfit, s.Verdict)
	}
	// Output:
	// green  discounts CNY 992.95   units +146.0 gross profit CNY 1927.05   positive
	// oolong discounts CNY 1090.65  units +194.5 gross profit CNY 3771.85   positive
	// puer   discounts CNY 2798.21  units +130.0 gross profit CNY 1101.79   not distinguishable from zero
}

// The weekend effect: the store sells about 40 % more on a weekend day than
// on a weekday, and the same promotion lifts weekend sales by 48 % but
// weekday sales by only 6 %, losing gross profit on weekdays. The finding
// is to run it on weekends only.
func Example_weekendEffect() {
	p := promo.Promotion{
		ID: "tea-weekend", Window: window, Scope: promo.Scope{Categories: []string{"tea"}},
		Mechanism: promo.AmountOff, Amount: money.MustNew("5", "CNY"),
	}
	orders := shop(40, 2, 8, func(o *metrics.Order) {
		for i := range o.Lines {
			if o.Lines[i].Category == "tea" {
				o.Lines[i].Discount = p.Amount.Mul(o.Lines[i].Quantity)
			}
		}
	})
	var l promo.Ledger
	if err := l.Track(p); err != nil {
		log.Fatal(err)
	}
	for _, o := range orders {
		if err := l.Add(o); err != nil {
			log.Fatal(err)
		}
	}
	before := metrics.Period{Start: shopOpen, End: window.Start}
	dow, err := l.DayOfWeek(promo.Scope{Store: true}, before, 0)
	if err != nil {
		log.Fatal(err)
	}
	for _, w := range dow.Weekdays {
		fmt.Printf("%-9s index %.2f %v\n", w.Weekday, mustValue(w.Index), w.CI)
	}
	fmt.Printf("weekend/weekday: %.2f %v %v\n", mustValue(dow.WeekendRatio), dow.CI, dow.Verdict)

	r, err := l.Analyze(p.ID, promo.Config{})
	if err != nil {
		log.Fatal(err)
	}
	we, wd := r.Weekend.Weekend, r.Weekend.Weekday
	fmt.Println("weekend lift per day:", we.GrossProfitPerDay, "sales", we.NetSalesLift.Percent(2))
	fmt.Println("weekday lift per day:", wd.GrossProfitPerDay, "sales", wd.NetSalesLift.Percent(2))
	fmt.Println("difference:", r.Weekend.Difference, r.Weekend.DifferenceCI, r.Weekend.Verdict)
	// Output:
	// Sunday    index 1.33 [1.14, 1.51] (95%)
	// Monday    index 0.98 [0.88, 1.08] (95%)
	// Tuesday   index 0.90 [0.78, 1.03] (95%)
	// Wednesday index 0.90 [0.79, 1.02] (95%)
	// Thursday  index 0.92 [0.84, 1.01] (95%)
	// Friday    index 0.79 [0.63, 0.96] (95%)
	// Saturday  index 1.17 [1.07, 1.27] (95%)
	// weekend/weekday: 1.39 [1.26, 1.53] (95%) positive
	// weekend lift per day: CNY 901.88 sales 48.36%
	// weekday lift per day: CNY -191.25 sales 5.57%
	// difference: CNY 1093.13 [CNY 320.93, CNY 1865.33] (95%) positive
}

func mustValue(r metrics.Ratio) float64 {
	v, _ := r.Value()
	return v
}

// The worked example of the ROI doc comment, under both cost conventions.
func ExampleROI() {
	inc := money.MustNew("5000", "CNY")  // incremental gross profit, after discounts
	disc := money.MustNew("2000", "CNY") // discounts given
	fixed := money.MustNew("500", "CNY")
	media := money.MustNew("1000", "CNY")
	for _, conv := range []promo.CostConvention{promo.FullCost, promo.CashCost} {
		cost, err := promo.Cost(disc, fixed, media, conv)
		if err != nil {
			log.Fatal(err)
		}
		roi, err := promo.ROI(inc, disc, fixed, media, conv)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s cost %v, ROI %s\n", conv, cost, roi.Percent(2))
	}
	// Output:
	// full cost CNY 3500.00, ROI 100.00%
	// cash cost CNY 1500.00, ROI 233.33%
}

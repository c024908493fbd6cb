package report

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func TestDailySales(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone data")
	}
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	c := money.MustCurrency("CNY")
	// 20 days across the end of summer time (26 October 2025, a 25-hour day).
	p, _ := metrics.NewPeriod(time.Date(2025, 10, 20, 0, 0, 0, 0, loc), time.Date(2025, 11, 9, 0, 0, 0, 0, loc))
	d := newDailySales(p, c)
	order := func(at time.Time, status metrics.OrderStatus) *metrics.Order {
		return &metrics.Order{ID: "o", PlacedAt: at, Status: status, Currency: c, Discount: cny("5"),
			Lines: []metrics.Line{{SKU: "a", Quantity: 2, UnitPrice: cny("30"), Discount: cny("1.50")}}}
	}
	// Each order: 2 × 30 − 1.50 − 5 = 53.50.
	d.addOrder(order(time.Date(2025, 10, 26, 23, 30, 0, 0, loc), metrics.Paid))                    // late on the 25-hour day
	d.addOrder(order(time.Date(2025, 10, 27, 0, 0, 0, 0, loc), metrics.Paid))                      // midnight starts the next day
	d.addOrder(order(time.Date(2025, 10, 27, 1, 0, 0, 0, loc), metrics.Cancelled))                 // not a sale
	d.addOrder(order(time.Date(2025, 11, 9, 0, 0, 0, 0, loc), metrics.Paid))                       // after the period
	d.addRefund(&metrics.Refund{At: time.Date(2025, 10, 27, 12, 0, 0, 0, loc), Amount: cny("10")}) // by refund date
	got := d.series()
	if len(got) != 20 {
		t.Fatalf("%d days, want 20", len(got))
	}
	want := map[int]string{6: "53.50", 7: "43.50"} // 26 Oct is day 6, 27 Oct day 7
	for i, day := range got {
		w := "0.00"
		if s, ok := want[i]; ok {
			w = s
		}
		if !day.NetSales.Equal(cny(w)) {
			t.Errorf("day %d (%s): net sales %v, want %s", i, day.Date.Format("01-02"), day.NetSales, w)
		}
		if day.Date.Hour() != 0 {
			t.Errorf("day %d starts at %v, not midnight", i, day.Date)
		}
		if day.Avg7.Defined() != (i >= 6) {
			t.Errorf("day %d: 7-day average defined = %v", i, day.Avg7.Defined())
		}
	}
	// Days 6..12 hold 53.50 + 43.50 = 97.00: the average is 97 / 7 = 13.857… → 13.86.
	if diff := cmp.Diff(metrics.MoneyValue(cny("13.86")), got[12].Avg7); diff != "" {
		t.Errorf("7-day average of day 12 (-want +got):\n%s", diff)
	}
	// Day 14 no longer sees day 6 or 7: zero.
	if diff := cmp.Diff(metrics.MoneyValue(cny("0.00")), got[14].Avg7); diff != "" {
		t.Errorf("7-day average of day 14 (-want +got):\n%s", diff)
	}
}

func TestWeekdays(t *testing.T) {
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	c := money.MustCurrency("CNY")
	// Two weeks from Monday 3 November 2025: weekdays sell 100, weekends 250
	// and 350. The mean day is (10 × 100 + 2 × 250 + 2 × 350) / 14 = 157.14…
	var days []Day
	start := time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 14; i++ {
		d := start.AddDate(0, 0, i)
		v := "100"
		switch d.Weekday() {
		case time.Saturday:
			v = "250"
		case time.Sunday:
			v = "350"
		}
		days = append(days, Day{Date: d, NetSales: cny(v)})
	}
	got, err := weekdays(days, c)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 7 || got[0].Weekday != time.Monday || got[6].Weekday != time.Sunday {
		t.Fatalf("weekdays not Monday first: %+v", got)
	}
	if !got[6].NetSales.Equal(metrics.MoneyValue(cny("350"))) {
		t.Errorf("Sunday average %v, want 350", got[6].NetSales)
	}
	// Index of Sunday: 350 / 157.14 (the mean rounded to cents) = 2.2273.
	if v, _ := got[6].Index.Value(); v < 2.2272 || v > 2.2274 {
		t.Errorf("Sunday index %v, want 2.2273", v)
	}
}

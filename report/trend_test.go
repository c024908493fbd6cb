package report

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"pgregory.net/rapid"
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

// TestDailyOrdersVisitors checks the orders and visitors of each day
// against the orders and events placed by hand.
func TestDailyOrdersVisitors(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	c := money.MustCurrency("CNY")
	p, _ := metrics.NewPeriod(time.Date(2025, 11, 1, 0, 0, 0, 0, loc), time.Date(2025, 11, 4, 0, 0, 0, 0, loc))
	d := newDailySales(p, c)
	at := func(day, hour int) time.Time { return time.Date(2025, 11, day, hour, 0, 0, 0, loc) }
	for _, o := range []struct {
		day    int
		status metrics.OrderStatus
	}{{1, metrics.Paid}, {1, metrics.Paid}, {2, metrics.Cancelled}, {3, metrics.Paid}, {4, metrics.Paid}} {
		d.addOrder(&metrics.Order{ID: "o", PlacedAt: at(o.day, 10), Status: o.status, Currency: c})
	}
	// u1 twice on day 1 counts once; u1 and u2 on day 2; nobody on day 3.
	var users userIndex
	for _, v := range []struct {
		user string
		day  int
	}{{"u1", 1}, {"u1", 1}, {"u1", 2}, {"u2", 2}, {"u3", 5}} {
		n := users.index(v.user)
		d.visit(&users, n, at(v.day, 9))
	}
	var got []Day
	for _, x := range d.series() {
		got = append(got, Day{Orders: x.Orders, Visitors: x.Visitors})
	}
	want := []Day{{Orders: 2, Visitors: metrics.CountValue(1)}, {Orders: 0, Visitors: metrics.CountValue(2)}, {Orders: 1, Visitors: metrics.CountValue(0)}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("orders and visitors per day (-want +got):\n%s", diff)
	}
	// Without events the visitors are unknown, not zero.
	if v := newDailySales(p, c).series()[0].Visitors; v.Defined() {
		t.Errorf("visitors without events = %v, want undefined", v)
	}
}

// handDays returns n days of net sales 10 × (i+1), i+1 orders and 100 + i
// visitors from 2025-10-01.
func handDays(n int, visitors bool) []Day {
	loc := time.FixedZone("CST", 8*3600)
	var out []Day
	for i := range n {
		d := Day{Date: time.Date(2025, 10, 1+i, 0, 0, 0, 0, loc), NetSales: money.MustNew("10", "CNY").Mul(int64(i + 1)),
			Avg7: metrics.Undefined(metrics.UnitMoney), Orders: int64(i + 1), Visitors: metrics.Undefined(metrics.UnitCount)}
		if visitors {
			d.Visitors = metrics.CountValue(int64(100 + i))
		}
		out = append(out, d)
	}
	return out
}

func TestTrend(t *testing.T) {
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	mny := func(s string) metrics.Value { return metrics.MoneyValue(cny(s)) }
	days46 := handDays(46, true)
	start := days46[0].Date
	tests := []struct {
		name   string
		reason string
		days   []Day
		want   []TrendRow
	}{
		{"empty", "no days, no rows", nil, nil},
		{"daily", "45 days or fewer: the days as they are", handDays(2, false), []TrendRow{
			{Start: start, Days: 1, NetSales: cny("10"), Orders: 1, Avg7: metrics.Undefined(metrics.UnitMoney), Visitors: metrics.Undefined(metrics.UnitCount)},
			{Start: start.AddDate(0, 0, 1), Days: 1, NetSales: cny("20"), Orders: 2, Avg7: metrics.Undefined(metrics.UnitMoney), Visitors: metrics.Undefined(metrics.UnitCount)},
		}},
		{"weekly", "46 days: 6 weeks of 7 days and one of 4; sales of week k are 10 × (7k+1 + … + 7k+7) = 490k + 280",
			days46, func() []TrendRow {
				var out []TrendRow
				for k := range 6 {
					sales := int64(490*k + 280)
					orders := int64(49*k + 28)
					visitors := int64(7*100 + 49*k + 21) // Σ (100 + 7k + j), j = 0..6
					out = append(out, TrendRow{Start: start.AddDate(0, 0, 7*k), Days: 7, NetSales: cny("1").Mul(sales), Orders: orders,
						Avg7: metrics.MoneyValue(cny("1").Mul(sales / 7)), Visitors: number(metrics.CountRatio(visitors, 7))})
				}
				// days 43..46: sales 430+440+450+460 = 1780, orders 178, visitors 142+…+145 = 574
				out = append(out, TrendRow{Start: start.AddDate(0, 0, 42), Days: 4, NetSales: cny("1780"), Orders: 178,
					Avg7: mny("445"), Visitors: number(metrics.CountRatio(574, 4))})
				return out
			}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Trend(tt.days)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
	mixed := handDays(2, false)
	mixed[1].NetSales = money.MustNew("1", "USD")
	var me *money.MismatchError
	if _, err := Trend(mixed); !errors.As(err, &me) {
		t.Errorf("Trend of two currencies: error %v, want a *money.MismatchError", err)
	}
}

// TestTrendConserves checks that the rows of the trend add up to the days:
// net sales, orders and days, whatever the length of the period.
func TestTrendConserves(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 400).Draw(t, "days")
		days := handDays(n, false)
		for i := range days {
			days[i].NetSales = money.MustNew("0.01", "CNY").Mul(rapid.Int64Range(-100000, 1000000).Draw(t, "cents"))
			days[i].Orders = rapid.Int64Range(0, 1000).Draw(t, "orders")
		}
		rows, err := Trend(days)
		if err != nil {
			t.Fatal(err)
		}
		var want, got money.Sum
		var wantOrders, gotOrders int64
		gotDays := 0
		for _, d := range days {
			want.Add(d.NetSales)
			wantOrders += d.Orders
		}
		for _, r := range rows {
			got.Add(r.NetSales)
			gotOrders += r.Orders
			gotDays += r.Days
		}
		c := money.MustCurrency("CNY")
		if !want.Total(c).Equal(got.Total(c)) || wantOrders != gotOrders || gotDays != n {
			t.Fatalf("rows add up to %v, %d orders, %d days; days to %v, %d orders, %d days", got.Total(c), gotOrders, gotDays, want.Total(c), wantOrders, n)
		}
		if weekly := len(rows) < n; weekly != (n > WeeklyAfter) {
			t.Fatalf("%d days give %d rows", n, len(rows))
		}
	})
}

// TestDailySalesLead: the trailing 7-day average of the period's first
// six days takes the days before the period from the data when it
// reaches back to the window's first day, and is undefined otherwise.
func TestDailySalesLead(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	c := money.MustCurrency("CNY")
	p := metrics.PeriodOf(time.Date(2025, 12, 1, 0, 0, 0, 0, loc), metrics.Month)
	order := func(day, hour int, amount string) *metrics.Order {
		return &metrics.Order{ID: "o", PlacedAt: time.Date(2025, 11, day, hour, 0, 0, 0, loc), Status: metrics.Paid, Currency: c,
			Lines: []metrics.Line{{SKU: "a", Quantity: 1, UnitPrice: cny(amount)}}}
	}
	d := newDailySales(p, c)
	d.addOrder(order(27, 15, "70.00")) // lead day 2 (27 Nov); the data starts there
	d.addOrder(order(30, 9, "7.00"))   // lead day 5 (30 Nov)
	d.addOrder(order(20, 9, "1000"))   // a week before: in no window of the period
	d.addRefund(&metrics.Refund{At: time.Date(2025, 11, 30, 12, 0, 0, 0, loc), Amount: cny("14.00")})
	got := d.series()
	// The data reaches back to 20 Nov, so every window is covered: day 0
	// (1 Dec) averages 25 Nov .. 1 Dec = 70 + 7 − 14 = 63 → 9.00; day 3
	// (4 Dec) averages 28 Nov .. 4 Dec = 7 − 14 = −7 → −1.00.
	for _, c := range []struct {
		day  int
		want string
	}{{0, "9.00"}, {2, "9.00"}, {3, "-1.00"}, {5, "-1.00"}, {6, "0.00"}} {
		if diff := cmp.Diff(metrics.MoneyValue(cny(c.want)), got[c.day].Avg7); diff != "" {
			t.Errorf("day %d: 7-day average (-want +got):\n%s", c.day, diff)
		}
	}
	// Data that starts on 27 Nov in the afternoon covers the windows from
	// 27 Nov on (day 2), not those of days 0 and 1.
	d = newDailySales(p, c)
	d.addOrder(order(27, 15, "70.00"))
	got = d.series()
	for i, want := range []bool{false, false, true, true, true, true, true} {
		if got[i].Avg7.Defined() != want {
			t.Errorf("data from 27 Nov: day %d average defined = %v, want %v", i, got[i].Avg7.Defined(), want)
		}
	}
}

package sample

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// The tests below compare statistics of generated data with the truth.
// Each tolerance is a number of standard errors of the statistic under the
// generating model (stated at each test), so a correct generator fails a
// 4-standard-error check about once in 16,000 runs — and since the data
// are deterministic, a passing test passes for good.

// binomialOK reports whether k successes in n trials are within z
// standard errors of rate p.
func binomialOK(t *testing.T, what string, k, n int, p, z float64) {
	t.Helper()
	if n == 0 {
		t.Errorf("%s: no trials", what)
		return
	}
	se := math.Sqrt(p * (1 - p) / float64(n))
	got := float64(k) / float64(n)
	if math.Abs(got-p) > z*se {
		t.Errorf("%s: %d/%d = %.4f, want %.4f ± %.4f (%.0f standard errors)", what, k, n, got, p, z*se, z)
	}
}

// dayIndex returns the index of the day of at in the period.
func dayIndex(s *Store, at time.Time) int {
	return int((at.Unix() - s.Period.Start.Unix()) / 86400)
}

// ordinaryDay reports whether day i is outside every promotion and its
// post-window.
func ordinaryDay(tr *Truth, day time.Time) bool {
	ps := append([]PromoTruth{tr.PercentOff, tr.SpendSave}, tr.Double11...)
	for _, p := range append(ps, tr.Double12...) {
		if !p.Window.IsZero() && !day.Before(p.Window.Start) && day.Before(p.Window.End.AddDate(0, 0, p.PostDays)) {
			return false
		}
	}
	return true
}

func weekend(t time.Time) bool { return t.Weekday() == time.Saturday || t.Weekday() == time.Sunday }

// TestWeekendUplift: orders per unit of seasonal demand on weekends over
// weekdays, on days without promotions. The day of each order is a
// multinomial draw, so the ratio's relative standard error is about
// sqrt(1/N_weekend + 1/N_weekday) ≈ 2.6 % in the default demo; the
// tolerance of 0.1 on the uplift is about 3 standard errors.
func TestWeekendUplift(t *testing.T) {
	s := demo(t)
	tr := &s.Truth
	var n, season [2]float64
	for i := 0; i < s.Period.Days(); i++ {
		day := s.Period.Start.AddDate(0, 0, i)
		if ordinaryDay(tr, day) {
			season[b2i(weekend(day))] += tr.Season[i]
		}
	}
	for _, o := range s.Orders {
		if ordinaryDay(tr, o.PlacedAt) {
			n[b2i(weekend(o.PlacedAt))]++
		}
	}
	uplift := (n[1]/season[1])/(n[0]/season[0]) - 1
	if math.Abs(uplift-tr.WeekendUplift) > 0.1 {
		t.Errorf("weekend uplift %.3f, want %.2f ± 0.1", uplift, tr.WeekendUplift)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestPeak: the last 11.11 sells more than any other day (the store grows,
// so the second year's 11.11 beats the first's).
func TestPeak(t *testing.T) {
	s := demo(t)
	perDay := make([]int, s.Period.Days())
	for _, o := range s.Orders {
		perDay[dayIndex(s, o.PlacedAt)]++
	}
	peak := dayIndex(s, s.Truth.PeakDay)
	if i := slices.Index(perDay, slices.Max(perDay)); i != peak {
		t.Errorf("busiest day is %s with %d orders, want 11.11 (%d orders)", s.Period.Start.AddDate(0, 0, i).Format("01-02"), perDay[i], perDay[peak])
	}
}

// TestCancelAndReturnRates: cancellations are Bernoulli per order; returns
// are Bernoulli per line of a paid order with the rate of its category (or
// the problem-SKU rate) p, raised to p + (1−p)·LateReturnRate for an order
// delivered after its promise, so the count of returned lines has mean Σp
// and variance Σp(1−p). Orders of the last 30 days are left out, as their
// refunds may fall after the period (a refund follows the order by up to
// 15 days, and the delivery by up to two).
func TestCancelAndReturnRates(t *testing.T) {
	s := demo(t)
	tr := &s.Truth
	cancelled := 0
	for _, o := range s.Orders {
		if o.Status == metrics.Cancelled {
			cancelled++
		}
	}
	binomialOK(t, "cancellations", cancelled, len(s.Orders), tr.CancelRate, 4)

	cut := s.Period.End.AddDate(0, 0, -30)
	returned := map[[2]string]bool{}
	for _, r := range s.Refunds {
		for _, l := range r.Lines {
			returned[[2]string{r.OrderID, l.SKU}] = true
		}
	}
	var obs, mean, variance float64
	problem := map[string]bool{}
	for _, sku := range tr.ProblemSKUs {
		problem[sku] = true
	}
	for _, o := range s.Orders {
		if o.Status != metrics.Paid || !o.PlacedAt.Before(cut) {
			continue
		}
		for _, l := range o.Lines {
			p := tr.ReturnRate(l.Category)
			if problem[l.SKU] {
				p = tr.ProblemReturnRate
			}
			if o.DeliveredAt.After(o.PromisedBy) {
				p += (1 - p) * tr.LateReturnRate
			}
			mean += p
			variance += p * (1 - p)
			if returned[[2]string{o.ID, l.SKU}] {
				obs++
			}
		}
	}
	if se := math.Sqrt(variance); math.Abs(obs-mean) > 4*se {
		t.Errorf("%.0f returned lines, want %.1f ± %.1f (4 standard errors)", obs, mean, 4*se)
	}
}

// TestReturnReasons: every refund's free text maps to a canonical reason,
// and among ordinary SKUs of orders delivered on time each reason's share
// is within 4 binomial standard errors of the truth (late orders add
// late_delivery returns: see TestLateDeliveryLinks).
func TestReturnReasons(t *testing.T) {
	s := demo(t)
	tr := &s.Truth
	late := map[string]bool{}
	for _, o := range s.Orders {
		late[o.ID] = o.DeliveredAt.After(o.PromisedBy)
	}
	problem := map[string]bool{}
	for _, sku := range tr.ProblemSKUs {
		problem[sku] = true
	}
	count := map[string]int{}
	n, notAsDescribedProblem, nProblem := 0, 0, 0
	for _, r := range s.Refunds {
		reason, ok := tr.CanonicalReason(r.Reason)
		if !ok {
			t.Errorf("refund %s: reason %q is not a known text", r.ID, r.Reason)
			continue
		}
		if late[r.OrderID] {
			continue
		}
		if problem[r.Lines[0].SKU] {
			nProblem++
			if reason == "not_as_described" {
				notAsDescribedProblem++
			}
			continue
		}
		count[reason]++
		n++
	}
	for _, rt := range tr.ReturnReasons {
		binomialOK(t, "share of "+rt.Reason, count[rt.Reason], n, rt.Share, 4)
	}
	// Problem SKUs: 80 % forced to not-as-described, the rest by the
	// shares (0.2 of them not-as-described): 0.8 + 0.2 × 0.2 = 0.84.
	binomialOK(t, "not as described among problem SKUs", notAsDescribedProblem, nProblem, 0.84, 4)
}

// TestTicketRates: the share of tickets answered within one hour is a
// mixture of the channels' shares; tickets of the last two days are left
// out since their slow answers fall after the period.
func TestTicketRates(t *testing.T) {
	s := demo(t)
	tr := &s.Truth
	cut := s.Period.End.AddDate(0, 0, -3)
	fast, n := 0, 0
	scored, resolved := 0, 0
	channels := map[string]int{}
	for _, tk := range s.Tickets {
		if !tk.OpenedAt.Before(cut) {
			continue
		}
		n++
		channels[tk.Channel]++
		if tk.FirstResponseAt.Sub(tk.OpenedAt) < time.Hour {
			fast++
		}
		if !tk.ResolvedAt.IsZero() {
			resolved++
			if tk.Score > 0 {
				scored++
			}
		}
	}
	binomialOK(t, "answered within one hour", fast, n, tr.WithinHour(), 4)
	binomialOK(t, "resolved", resolved, n, tr.ResolveRate, 4)
	binomialOK(t, "scored", scored, resolved, tr.ScoreRate, 4)
	for _, c := range tr.TicketChannels {
		binomialOK(t, "share of "+c.Channel, channels[c.Channel], n, c.Share, 4)
	}
}

// TestOrderValue: the mean gross order value estimates the Gamma-Gamma
// mean p·γ/(q−1). Orders of one customer share ν, so the standard error is
// taken over customers: the standard deviation of order values over the
// square root of the number of customers (conservative).
func TestOrderValue(t *testing.T) {
	s := demo(t)
	tr := &s.Truth
	var sum, sum2, n float64
	for _, o := range s.Orders {
		if tr.SpendSave.Window.Contains(o.PlacedAt) {
			continue // top-ups to the threshold
		}
		for _, l := range o.Lines {
			v, _ := l.UnitPrice.Mul(l.Quantity).Minor()
			x := float64(v) / 100
			sum += x
			sum2 += x * x
		}
		n++
	}
	mean := sum / n
	sd := math.Sqrt(sum2/n - mean*mean)
	want := tr.P * tr.Gamma / (tr.Q - 1) // 204 CNY
	if se := sd / math.Sqrt(float64(len(s.Customers))); math.Abs(mean-want) > 4*se {
		t.Errorf("mean gross order value %.2f CNY, want %.2f ± %.2f", mean, want, 4*se)
	}
}

// TestAcquisition: channel shares of customers are multinomial, and each
// paid channel's spend over its new customers is its CAC; the daily spend
// noise (±10 %) averages out, so the CAC's relative error is that of the
// customer count, sqrt((1−share)/(N·share)) ≈ 3–4 %; tolerance 15 %.
func TestAcquisition(t *testing.T) {
	s := demo(t)
	tr := &s.Truth
	count := map[string]int{}
	for _, c := range s.Customers {
		count[c.Channel]++
	}
	spend := map[string]*money.Sum{}
	for _, sp := range s.Spend {
		if spend[sp.Channel] == nil {
			spend[sp.Channel] = new(money.Sum)
		}
		spend[sp.Channel].Add(sp.Amount)
	}
	for _, c := range tr.Channels {
		binomialOK(t, "customers from "+c.Name, count[c.Name], len(s.Customers), c.Share, 4)
		if c.CAC.IsZero() {
			if spend[c.Name] != nil {
				t.Errorf("spend on %s", c.Name)
			}
			continue
		}
		total, _ := spend[c.Name].Total(cny).Minor()
		want, _ := c.CAC.Minor()
		got := float64(total) / float64(count[c.Name])
		if math.Abs(got/float64(want)-1) > 0.15 {
			t.Errorf("%s: CAC %.2f CNY, want %s ± 15 %%", c.Name, got/100, c.CAC)
		}
	}
}

// TestPromotionEffects measures each promotion's lift, cannibalization
// and post-promotion dip on a store of 30,000 customers over 2024, the
// year of 618 and the back-to-school 满300减40 (orders only).
// Demand is counted per unit of seasonal-and-weekday demand and compared
// with a baseline of the 28 days before the window and the 28 days after
// the post-window: the number of active customers grows through the year,
// and the symmetric baseline cancels that trend to first order. The
// percent-off window has about 600 lines of promoted SKUs (relative
// standard error ≈ 4 %, so the ±0.15 tolerance on a lift of 0.8 is about
// 2 standard errors of the ratio 1.8, plus the baseline's own error); the
// spend-save window about 2,600 orders (≈ 2 %, tolerance ±0.08 on the
// order-count lift, about 3 standard errors).
func TestPromotionEffects(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 30,000 customers")
	}
	cfg := Config{Customers: 30000, Days: 366}
	tr := TruthOf(cfg)
	var s Store
	s.Period, _ = metrics.NewPeriod(time.Date(2024, 1, 1, 0, 0, 0, 0, tr.PeakDay.Location()), time.Date(2025, 1, 1, 0, 0, 0, 0, tr.PeakDay.Location()))
	promoted := map[string]bool{}
	for _, sku := range tr.PercentOff.SKUs {
		promoted[sku] = true
	}
	n := s.Period.Days()
	orders, promo, others, demand := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range demand {
		demand[i] = tr.Season[i]
		if weekend(s.Period.Start.AddDate(0, 0, i)) {
			demand[i] *= 1 + tr.WeekendUplift
		}
	}
	for o := range Orders(cfg) {
		i := dayIndex(&s, o.PlacedAt)
		orders[i]++
		for _, l := range o.Lines {
			switch {
			case promoted[l.SKU]:
				promo[i]++
			case l.Category == tr.PercentOff.Category:
				others[i]++
			}
		}
	}
	// rate returns Σ x / Σ demand over the days [from, to).
	rate := func(x []float64, from, to time.Time) float64 {
		var a, b float64
		for i := dayIndex(&s, from); i < dayIndex(&s, to); i++ {
			a += x[i]
			b += demand[i]
		}
		return a / b
	}
	// effects returns the relative change of x in the window and in the
	// post-window against the baseline.
	effects := func(x []float64, p PromoTruth) (window, post float64) {
		end := p.Window.End.AddDate(0, 0, p.PostDays)
		var a, b float64
		for _, r := range [][2]time.Time{{p.Window.Start.AddDate(0, 0, -28), p.Window.Start}, {end, end.AddDate(0, 0, 28)}} {
			for i := dayIndex(&s, r[0]); i < dayIndex(&s, r[1]); i++ {
				a += x[i]
				b += demand[i]
			}
		}
		base := a / b
		return rate(x, p.Window.Start, p.Window.End)/base - 1, rate(x, p.Window.End, end)/base - 1
	}
	check := func(what string, got, want, tol float64) {
		t.Helper()
		t.Logf("%s: %.3f (truth %.2f)", what, got, want)
		if math.Abs(got-want) > tol {
			t.Errorf("%s: %.3f, want %.2f ± %.2f", what, got, want, tol)
		}
	}
	lift, dip := effects(promo, tr.PercentOff)
	check("percent-off lift", lift, tr.PercentOff.Lift, 0.15)
	check("percent-off post dip", -dip, tr.PercentOff.PostDip, 0.1)
	cannib, _ := effects(others, tr.PercentOff)
	check("cannibalization", -cannib, tr.PercentOff.Cannibalization, 0.1)
	lift, dip = effects(orders, tr.SpendSave)
	check("spend-save lift", lift, tr.SpendSave.Lift, 0.08)
	check("spend-save post dip", -dip, tr.SpendSave.PostDip, 0.08)
}

// TestCSAT: among scored tickets, the share of scores 4–5 is CSATFast for
// tickets answered within the hour and CSATSlow for the others (4
// binomial standard errors each).
func TestCSAT(t *testing.T) {
	s := demo(t)
	var good, n [2]int
	for _, tk := range s.Tickets {
		if tk.Score == 0 {
			continue
		}
		fast := b2i(tk.FirstResponseAt.Sub(tk.OpenedAt) < time.Hour)
		n[fast]++
		if tk.Score >= 4 {
			good[fast]++
		}
	}
	binomialOK(t, "CSAT of slow answers", good[0], n[0], s.Truth.CSATSlow, 4)
	binomialOK(t, "CSAT of fast answers", good[1], n[1], s.Truth.CSATFast, 4)
}

// TestFunnelRates: browse sessions (those without a purchase) bounce,
// add to cart and check out at the true rates. A purchase session always
// has an add-to-cart and a checkout, so sessions are told apart by their
// purchase event (4 binomial standard errors each).
func TestFunnelRates(t *testing.T) {
	s := demo(t)
	type session struct{ views, carts, checkouts, purchases int }
	sessions := map[string]*session{}
	var order []string
	for _, e := range s.Events {
		id := e.Prop("session_id")
		ss := sessions[id]
		if ss == nil {
			ss = new(session)
			sessions[id] = ss
			order = append(order, id)
		}
		switch e.Name {
		case PageView:
			ss.views++
		case AddToCart:
			ss.carts++
		case Checkout:
			ss.checkouts++
		case Purchase:
			ss.purchases++
		}
	}
	var browse, bounced, stayed, carted, checked int
	for _, id := range order {
		ss := sessions[id]
		if ss.purchases > 0 {
			continue
		}
		browse++
		if ss.views == 1 && ss.carts == 0 {
			bounced++
			continue
		}
		stayed++
		if ss.carts > 0 {
			carted++
			if ss.checkouts > 0 {
				checked++
			}
		}
	}
	tr := &s.Truth
	binomialOK(t, "bounce rate", bounced, browse, tr.BounceRate, 4)
	binomialOK(t, "add-to-cart rate", carted, stayed, tr.AddToCartRate, 4)
	binomialOK(t, "checkout rate", checked, carted, tr.CheckoutRate, 4)
	// Every purchase session is an order's.
	purchases := 0
	for _, ss := range sessions {
		purchases += ss.purchases
	}
	if purchases != len(s.Orders) {
		t.Errorf("%d purchase events for %d orders", purchases, len(s.Orders))
	}
}

// TestStockRoles: stock-outs fall mostly on the SKUs replenished late;
// dead stock never sells and stays on hand; slow movers end the year with
// more than 90 days of supply (METRICS.md's slow-moving threshold).
func TestStockRoles(t *testing.T) {
	s := demo(t)
	tr := &s.Truth
	out := map[string]int{}
	last := map[string]int64{}
	for _, sn := range s.Snapshots {
		if sn.OnHand == 0 {
			out[sn.SKU]++
		}
		last[sn.SKU] = sn.OnHand
	}
	sold := map[string]int64{}
	for _, o := range s.Orders {
		for _, l := range o.Lines {
			sold[l.SKU] += l.Quantity
		}
	}
	prone, total := 0, 0
	for sku, n := range out {
		total += n
		if slices.Contains(tr.StockoutSKUs, sku) {
			prone += n
		}
	}
	// Hand-set bounds: the late SKUs run out for weeks at a time, the
	// others only at the 11.11 peak if at all.
	if prone == 0 || float64(prone) < 0.7*float64(total) {
		t.Errorf("stock-out SKU-days: %d of %d on the stock-out prone SKUs %v, want at least 70 %%", prone, total, tr.StockoutSKUs)
	}
	for _, sku := range tr.DeadSKUs {
		if sold[sku] != 0 || last[sku] <= 0 {
			t.Errorf("dead SKU %s: sold %d, %d on hand at the end", sku, sold[sku], last[sku])
		}
	}
	for _, sku := range tr.SlowSKUs {
		perDay := float64(sold[sku]) / float64(s.Period.Days())
		if last[sku] <= 0 || float64(last[sku]) < 90*perDay {
			t.Errorf("slow SKU %s: %d sold, %d on hand at the end: not 90 days of supply", sku, sold[sku], last[sku])
		}
	}
}

// meanOK reports whether the sample mean of xs is within z standard
// errors of want, the standard error being sd/sqrt(n) with the given
// population standard deviation.
func meanOK(t *testing.T, what string, xs []float64, want, sd, z float64) {
	t.Helper()
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(len(xs))
	if se := sd / math.Sqrt(float64(len(xs))); math.Abs(mean-want) > z*se {
		t.Errorf("%s: mean %.5g, want %.5g ± %.2g", what, mean, want, z*se)
	}
}

// TestLatentDraws: customers' latent parameters have the moments of their
// distributions: λ ~ Gamma(r, α) has mean r/α and variance r/α²;
// p ~ Beta(a, b) has mean a/(a+b) and variance ab/((a+b)²(a+b+1));
// ν ~ Gamma(q, γ) has mean q/γ and variance q/γ² (4 standard errors).
func TestLatentDraws(t *testing.T) {
	s := demo(t)
	tr := &s.Truth
	var lambda, p, nu []float64
	for _, c := range s.Customers {
		lambda = append(lambda, c.Lambda)
		p = append(p, c.Dropout)
		nu = append(nu, c.Nu)
	}
	meanOK(t, "λ", lambda, tr.R/tr.Alpha, math.Sqrt(tr.R)/tr.Alpha, 4)
	ab := tr.A + tr.B
	meanOK(t, "p", p, tr.A/ab, math.Sqrt(tr.A*tr.B/(ab*ab*(ab+1))), 4)
	meanOK(t, "ν", nu, tr.Q/tr.Gamma, math.Sqrt(tr.Q)/tr.Gamma, 4)
}

// TestRepeatPurchases: given a customer's λ and p, BG/NBD expects
// (1 − exp(−λ p t)) / p repeat purchases in t days of demand time after
// the first (Fader, Hardie and Lee 2005, section 3). The observed total
// over all customers must be within 4 empirical standard errors of the
// expected total; t runs from the acquisition (half its day's demand
// counted) to the end of the period.
func TestRepeatPurchases(t *testing.T) {
	s := demo(t)
	tr := &s.Truth
	rest := make([]float64, len(tr.Demand)+1) // demand time from day i to the end
	for i := len(tr.Demand) - 1; i >= 0; i-- {
		rest[i] = rest[i+1] + tr.Demand[i]
	}
	var obs, exp, sq float64
	for _, c := range s.Customers {
		i := dayIndex(s, c.AcquiredAt)
		T := rest[i+1] + tr.Demand[i]/2
		e := (1 - math.Exp(-c.Lambda*c.Dropout*T)) / c.Dropout
		x := float64(c.Orders - 1)
		obs += x
		exp += e
		sq += (x - e) * (x - e)
	}
	if se := math.Sqrt(sq); math.Abs(obs-exp) > 4*se {
		t.Errorf("%.0f repeat purchases, BG/NBD expects %.1f ± %.1f", obs, exp, 4*se)
	}
	t.Logf("%.0f repeat purchases, BG/NBD expects %.1f (standard error %.1f)", obs, exp, math.Sqrt(sq))
}

// TestCustomerChannels: orders carry their customer's acquisition
// channel, and customers' order counts match their orders.
func TestCustomerChannels(t *testing.T) {
	s := demo(t)
	byID := map[string]*Customer{}
	for k := range s.Customers {
		byID[s.Customers[k].ID] = &s.Customers[k]
	}
	count := map[string]int{}
	for _, o := range s.Orders {
		c := byID[o.CustomerID]
		if c == nil || c.Channel != o.Channel {
			t.Fatalf("order %s: channel %s, customer %+v", o.ID, o.Channel, c)
		}
		if count[o.CustomerID] == 0 && !o.PlacedAt.Equal(c.AcquiredAt) {
			t.Errorf("order %s: first order of %s at %s, acquired at %s", o.ID, c.ID, o.PlacedAt, c.AcquiredAt)
		}
		count[o.CustomerID]++
	}
	for _, c := range s.Customers {
		if count[c.ID] != c.Orders+c.CampaignOrders {
			t.Errorf("customer %s: %d orders, Orders and CampaignOrders say %d", c.ID, count[c.ID], c.Orders+c.CampaignOrders)
		}
	}
}

// TestTrafficShape: some events share a timestamp, some anonymous
// visitors come back in later sessions, and customers browse again after
// their first order.
func TestTrafficShape(t *testing.T) {
	s := demo(t)
	shared := 0
	for k := 1; k < len(s.Events); k++ {
		if s.Events[k].Time.Equal(s.Events[k-1].Time) && s.Events[k].UserID == s.Events[k-1].UserID {
			shared++
		}
	}
	sessions := map[string]map[string]bool{}
	acquired := map[string]time.Time{}
	for _, c := range s.Customers {
		acquired[c.ID] = c.AcquiredAt
	}
	browsedAfter := 0
	for _, e := range s.Events {
		if sessions[e.UserID] == nil {
			sessions[e.UserID] = map[string]bool{}
		}
		sessions[e.UserID][e.Prop("session_id")] = true
		if at, ok := acquired[e.UserID]; ok && e.Time.Sub(at) > 24*time.Hour && e.Name == PageView {
			browsedAfter++
		}
	}
	returning := 0
	for u, ss := range sessions {
		if u[0] == 'V' && len(ss) > 1 {
			returning++
		}
	}
	if shared == 0 || returning == 0 || browsedAfter == 0 {
		t.Errorf("%d events share their user's previous timestamp, %d visitors return, %d page views by customers a day after they first bought: want all > 0", shared, returning, browsedAfter)
	}
}

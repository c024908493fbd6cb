package clv

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

const (
	day  = 24 * time.Hour
	week = 7 * day
)

// TestCLVWeeklyEqualsDaily proves that the time unit is explicit: the same
// CDNOW data in weeks and in days, each fitted and valued with its own
// TimeUnit, give the same CLV with monthly (30-day) discounting.
func TestCLVWeeklyEqualsDaily(t *testing.T) {
	weekly, _ := cdnowCBS(t)
	daily := make([]Customer, len(weekly))
	for i, c := range weekly {
		c.Tx, c.T = c.Tx*7, c.T*7
		daily[i] = c
	}
	mw, _, err := FitBGNBD(Group(weekly), FitConfig{})
	if err != nil {
		t.Fatal(err)
	}
	md, _, err := FitBGNBD(Group(daily), FitConfig{})
	if err != nil {
		t.Fatal(err)
	}
	// Rescaling time multiplies α by 7 and leaves r, a, b unchanged.
	if !near(md.Alpha, 7*mw.Alpha, 1e-4*md.Alpha) || !near(md.R, mw.R, 1e-5) {
		t.Errorf("daily %+v, weekly %+v: want α×7", md, mw)
	}
	gg, _, err := FitGammaGamma(weekly, FitConfig{})
	if err != nil {
		t.Fatal(err)
	}
	base := ValueConfig{Horizon: 52 * week, DiscountPeriod: 30 * day, DiscountRate: 0.01, Margin: 0.3}
	cw, cd := base, base
	cw.TimeUnit, cd.TimeUnit = week, day
	exact := md
	exact.Alpha = 7 * mw.Alpha // the weekly fit in days, exactly
	for i := range 20 {
		vw, err := CLV(mw, gg, weekly[i], cw)
		if err != nil {
			t.Fatal(err)
		}
		vd, err := CLV(md, gg, daily[i], cd)
		if err != nil {
			t.Fatal(err)
		}
		vx, _ := CLV(BGNBD{mw.R, exact.Alpha, mw.A, mw.B}, gg, daily[i], cd)
		if !near(vx, vw, 1e-10*math.Max(1, vw)) || !near(vd, vw, 1e-4*math.Max(1, vw)) {
			t.Errorf("customer %d: weekly %.8f, daily refit %.8f, daily exact %.8f", i, vw, vd, vx)
		}
	}
	// A wrong unit changes the answer: the safeguard is the explicit field.
	wrong := cw
	wrong.TimeUnit = day
	vw, _ := CLV(mw, gg, weekly[0], cw)
	if vbad, _ := CLV(mw, gg, weekly[0], wrong); near(vbad, vw, 0.01*vw) {
		t.Errorf("weekly model valued as daily gives %v, the same as %v", vbad, vw)
	}
}

// TestDiscountedPurchasesHand checks discounting by hand: with a 2-week
// horizon, weekly periods and 10% a week, the value is
// E(1) /1.1 + (E(2) − E(1))/1.21.
func TestDiscountedPurchasesHand(t *testing.T) {
	m := cdnowBGNBD
	c := Customer{X: 2, Tx: 30.43, T: 38.86}
	got, err := DiscountedPurchases(m, c, ValueConfig{TimeUnit: week, Horizon: 2 * week, DiscountRate: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	e1, e2 := must(m.ConditionalExpectedPurchases(c, 1)), must(m.ConditionalExpectedPurchases(c, 2))
	if want := e1/1.1 + (e2-e1)/1.21; !near(got, want, 1e-14) {
		t.Errorf("got %v, want %v", got, want)
	}
	// A partial last period: 10 days with weekly discounting is a full
	// week then 3 days, discounted as period 2.
	got, _ = DiscountedPurchases(m, c, ValueConfig{TimeUnit: week, Horizon: 10 * day, DiscountPeriod: week, DiscountRate: 0.1})
	e10 := must(m.ConditionalExpectedPurchases(c, 10.0/7))
	if want := e1/1.1 + (e10-e1)/1.21; !near(got, want, 1e-14) {
		t.Errorf("partial: got %v, want %v", got, want)
	}
	// Undiscounted value is the plain conditional expectation.
	got, _ = DiscountedPurchases(m, c, ValueConfig{TimeUnit: week, Horizon: 52 * week})
	if want := must(m.ConditionalExpectedPurchases(c, 52)); !near(got, want, 1e-12) {
		t.Errorf("undiscounted: got %v, want %v", got, want)
	}
}

func TestValueConfigErrors(t *testing.T) {
	_, err := CLV(cdnowBGNBD, GammaGamma{6, 4, 15}, Customer{T: 1}, ValueConfig{DiscountRate: math.NaN(), Margin: 2})
	if !errors.Is(err, metrics.ErrConfig) {
		t.Fatalf("err = %v", err)
	}
	errs := err.(interface{ Unwrap() []error }).Unwrap()
	var fields []string
	for _, e := range errs {
		var ce *metrics.ConfigError
		if !errors.As(e, &ce) || ce.Pkg != "clv" {
			t.Errorf("%v is not a clv *metrics.ConfigError", e)
			continue
		}
		fields = append(fields, ce.Field)
	}
	want := []string{"ValueConfig.TimeUnit", "ValueConfig.Horizon", "ValueConfig.DiscountRate", "ValueConfig.Margin"}
	if diff := cmp.Diff(want, fields); diff != "" {
		t.Errorf("fields (-want +got)\n%s", diff)
	}
	// A horizon of more than maxDiscountPeriods periods would cost as many
	// predictions: refused up front.
	_, err = CLV(cdnowBGNBD, GammaGamma{6, 4, 15}, Customer{T: 1}, ValueConfig{TimeUnit: week, Horizon: 1 << 62, DiscountPeriod: 1})
	var ce *metrics.ConfigError
	if !errors.As(err, &ce) || ce.Field != "ValueConfig.DiscountPeriod" {
		t.Errorf("2^62 periods: err = %v", err)
	}
}

func TestMoney(t *testing.T) {
	usd := money.MustCurrency("USD")
	tests := []struct {
		name   string
		v      float64
		want   money.Money
		reason string
	}{
		{"half to even down", 12.345, money.MustNew("12.34", "USD"), "shortest decimal 12.345, tie to even"},
		{"half to even up", 12.355, money.MustNew("12.36", "USD"), "tie to even"},
		{"zero", 0, money.MustNew("0.00", "USD"), ""},
	}
	for _, tc := range tests {
		got, err := Money(tc.v, usd)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (%s): (-want +got)\n%s", tc.name, tc.reason, diff)
		}
	}
	if _, err := Money(math.Inf(1), usd); !errors.Is(err, ErrUndefined) {
		t.Errorf("Inf: err = %v", err)
	}
}

// TestDiscountedPurchasesBGBB values donors with the discrete-time model:
// one opportunity a year, five years, 10% a year, by hand from the
// conditional expectations.
func TestDiscountedPurchasesBGBB(t *testing.T) {
	m := BGBB{1.204, 0.750, 0.657, 2.783}
	c := Customer{X: 4, Tx: 5, T: 6}
	const year = 365 * day
	got, err := DiscountedPurchases(m, c, ValueConfig{TimeUnit: year, Horizon: 5 * year, DiscountRate: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	want, prev := 0.0, 0.0
	for k := 1; k <= 5; k++ {
		e := must(m.ConditionalExpectedPurchases(c, float64(k)))
		want += (e - prev) / math.Pow(1.1, float64(k))
		prev = e
	}
	if !near(got, want, 1e-12) || !(got > 0) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestForecasts checks that the batch forecast equals the per-customer
// calls and reports invalid customers by their index.
func TestForecasts(t *testing.T) {
	cs, _ := cdnowCBS(t)
	for _, m := range []PurchaseModel{cdnowBGNBD, ParetoNBD{0.553, 10.578, 0.606, 11.669}} {
		got, err := Forecasts(m, cs, 39)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range cs {
			want := Forecast{must(m.PAlive(c)), must(m.ConditionalExpectedPurchases(c, 39))}
			if got[i] != want {
				t.Fatalf("%T customer %d: %+v, want %+v", m, i, got[i], want)
			}
		}
	}
	bad := []Customer{{ID: "ok", T: 3}, {ID: "late", X: 1, Tx: 5, T: 3}, {ID: "late again", X: 1, Tx: 5, T: 3}}
	_, err := Forecasts(cdnowBGNBD, bad, 39)
	var ce *CustomerError
	if !errors.As(err, &ce) || ce.Index != 1 || ce.ID != "late" {
		t.Errorf("err = %v, want a *CustomerError for customer 1", err)
	}
	_, err = Forecasts(cdnowBGNBD, bad[:1], -1)
	if !errors.Is(err, metrics.ErrConfig) {
		t.Errorf("t = -1: err = %v, want metrics.ErrConfig", err)
	}
}

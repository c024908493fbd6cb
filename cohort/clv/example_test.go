package clv_test

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"log"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/cohort/clv"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// readCDNOW reads BTYD's CDNOW calibration summary: cust, x, t_x, T_cal
// (weeks), x_star (holdout purchases, unused here), m_x (mean repeat spend).
func readCDNOW(path string) ([]clv.Customer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	var out []clv.Customer
	for i, r := range rows[1:] {
		var v [4]float64
		for j, col := range []int{1, 2, 3, 5} {
			if v[j], err = strconv.ParseFloat(r[col], 64); err != nil {
				return nil, fmt.Errorf("line %d: %w", i+2, err)
			}
		}
		out = append(out, clv.Customer{ID: r[0], X: v[0], Tx: v[1], T: v[2], Monetary: v[3]})
	}
	return out, nil
}

// Example_cdnow fits the BG/NBD and Gamma-Gamma models to the CDNOW sample
// (2,357 customers, 39 weeks, time unit weeks), lists the ten customers
// with the highest 52-week CLV discounted at 1% per 30 days, and shows
// P(alive) for three customers.
func Example_cdnow() {
	customers, err := readCDNOW("testdata/btyd_cdnowSummary_cbs.csv")
	if err != nil {
		log.Fatal(err)
	}
	// Group identical histories: the fit then costs one term per row.
	purchases, info, err := clv.FitBGNBD(clv.Group(customers), clv.FitConfig{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("BG/NBD r=%.4f alpha=%.4f a=%.4f b=%.4f LL=%.1f (%d rows)\n",
		purchases.R, purchases.Alpha, purchases.A, purchases.B, info.LogLikelihood, info.Rows)
	spend, info, err := clv.FitGammaGamma(customers, clv.FitConfig{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Gamma-Gamma p=%.4f q=%.4f gamma=%.4f LL=%.1f (%d repeat customers)\n",
		spend.P, spend.Q, spend.Gamma, info.LogLikelihood, info.Rows)

	const week = 7 * 24 * time.Hour
	cfg := clv.ValueConfig{
		TimeUnit:       week,                // the models were fitted in weeks
		Horizon:        52 * week,           // value the next year
		DiscountPeriod: 30 * 24 * time.Hour, // discount monthly, months of 30 days
		DiscountRate:   0.01,
	}
	type ranked struct {
		c     clv.Customer
		value float64
	}
	var all []ranked
	for _, c := range customers {
		v, err := clv.CLV(purchases, spend, c, cfg)
		if err != nil {
			log.Fatal(err)
		}
		all = append(all, ranked{c, v})
	}
	slices.SortFunc(all, func(a, b ranked) int { return cmp.Compare(b.value, a.value) })
	usd := money.MustCurrency("USD")
	fmt.Println("top 10 by 52-week CLV:")
	for _, r := range all[:10] {
		m, err := clv.Money(r.value, usd)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("  %-5s x=%2.0f t_x=%5.2f T=%5.2f  %s\n", r.c.ID, r.c.X, r.c.Tx, r.c.T, m)
	}
	for _, i := range []int{0, 1, 2} {
		c := customers[i]
		p, err := purchases.PAlive(c)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("P(alive) customer %s (x=%.0f, t_x=%.2f, T=%.2f): %.3f\n", c.ID, c.X, c.Tx, c.T, p)
	}
	// Output:
	// BG/NBD r=0.2426 alpha=4.4136 a=0.7929 b=2.4259 LL=-9582.4 (1030 rows)
	// Gamma-Gamma p=6.2496 q=3.7442 gamma=15.4435 LL=-4055.9 (946 repeat customers)
	// top 10 by 52-week CLV:
	//   509   x=18 t_x=35.14 T=35.86  USD 1171.94
	//   1081  x=11 t_x=32.00 T=33.14  USD 999.96
	//   1516  x=26 t_x=30.86 T=31.00  USD 969.53
	//   1560  x= 8 t_x=28.71 T=30.86  USD 810.22
	//   1981  x=17 t_x=28.43 T=28.86  USD 791.48
	//   801   x= 7 t_x=33.71 T=34.43  USD 722.33
	//   157   x=29 t_x=37.71 T=38.00  USD 623.77
	//   164   x=10 t_x=37.00 T=37.86  USD 495.12
	//   841   x=19 t_x=34.00 T=34.14  USD 493.90
	//   1365  x= 9 t_x=30.57 T=31.71  USD 488.90
	// P(alive) customer 1 (x=2, t_x=30.43, T=38.86): 0.727
	// P(alive) customer 2 (x=1, t_x=1.71, T=38.86): 0.212
	// P(alive) customer 3 (x=0, t_x=0.00, T=38.86): 1.000
}

// ExampleFitBGBB fits the BG/BB to the donations recency/frequency matrix
// of Fader, Hardie & Shang (2010): 11,104 donors, 6 annual opportunities,
// given as 22 cells with a donor count each.
func ExampleFitBGBB() {
	f, err := os.Open("testdata/donations.csv")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		log.Fatal(err)
	}
	var cells []clv.Customer
	for _, r := range rows[1:] { // frequency, recency, periods, weights
		var v [4]float64
		for j := range v {
			if v[j], err = strconv.ParseFloat(r[j], 64); err != nil {
				log.Fatal(err)
			}
		}
		cells = append(cells, clv.Customer{X: v[0], Tx: v[1], T: v[2], Weight: v[3]})
	}
	m, info, err := clv.FitBGBB(cells, clv.FitConfig{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("alpha=%.3f beta=%.3f gamma=%.3f delta=%.3f LL=%.2f\n", m.Alpha, m.Beta, m.Gamma, m.Delta, info.LogLikelihood)
	e, err := m.ExpectedPurchases(10)
	if err != nil {
		log.Fatal(err)
	}
	p, err := m.PAlive(clv.Customer{X: 6, Tx: 6, T: 6})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("new donor, expected donations in 10 years: %.3f\n", e)
	fmt.Printf("P(alive) after giving every year: %.3f\n", p)
	// Output:
	// alpha=1.204 beta=0.750 gamma=0.657 delta=2.783 LL=-33225.58
	// new donor, expected donations in 10 years: 3.180
	// P(alive) after giving every year: 0.930
}

package clv_test

import (
	"fmt"
	"log"

	"github.com/shopmetrics/shopmetrics/cohort/clv"
)

// ExampleFitSBG fits the shifted-beta-geometric model to the first seven
// renewals of the "regular" cohort of Fader and Hardie (2007), Table 1
// (1,000 customers acquired in year 0), and projects survival and
// retention for years 8–12 next to what actually happened.
func ExampleFitSBG() {
	// Customers still active in years 0–12; the fit sees years 0–7.
	active := []int64{1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173}
	m, info, err := clv.FitSBG(active[:8], clv.FitConfig{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("alpha=%.3f beta=%.3f LL=%.1f\n", m.Alpha, m.Beta, info.LogLikelihood)
	fmt.Println("year  survival (actual)  retention (actual)")
	for t := 8; t <= 12; t++ {
		fmt.Printf("%4d  %8.3f (%.3f)    %9.3f (%.3f)\n", t,
			m.Survival(t), float64(active[t])/1000,
			m.Retention(t), float64(active[t])/float64(active[t-1]))
	}
	// Output:
	// alpha=0.704 beta=1.182 LL=-1680.3
	// year  survival (actual)  retention (actual)
	//    8     0.220 (0.223)        0.921 (0.925)
	//    9     0.204 (0.207)        0.929 (0.928)
	//   10     0.191 (0.194)        0.935 (0.937)
	//   11     0.180 (0.183)        0.941 (0.943)
	//   12     0.170 (0.173)        0.945 (0.945)
}

// ExampleSBG_DERL values the 241 regular customers still active in year 7
// at a margin of 100 per year and a 10% annual discount rate, against a
// new customer: the survivors have shown that they churn less, so each is
// worth more than a newcomer.
func ExampleSBG_DERL() {
	m := clv.SBG{Alpha: 0.704, Beta: 1.182} // FH (2007), regular customers
	const margin, rate = 100.0, 0.10
	fmt.Printf("new customer at acquisition: %.2f\n", margin*m.DEL(rate))
	fmt.Printf("survivor of 7 renewals:      %.2f\n", margin*m.DERL(7, rate))
	fmt.Printf("241 survivors:               %.0f\n", 241*margin*m.DERL(7, rate))
	// Output:
	// new customer at acquisition: 369.51
	// survivor of 7 renewals:      684.26
	// 241 survivors:               164907
}

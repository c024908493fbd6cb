package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

func TestModelCaveats(t *testing.T) {
	cny := money.MustCurrency("CNY")
	amt := func(s string) money.Money {
		m, err := cny.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	customers := func(predicted, actual float64, clv *report.MoneyRange) *report.Customers {
		return &report.Customers{CLV: clv, Model: &report.CustomerModel{Chosen: "BG/NBD", Criterion: "holdout", Candidates: []report.ModelCandidate{
			{Name: "MBG/NBD", Holdout: &report.HoldoutFit{Predicted: actual, Actual: actual}},
			{Name: "BG/NBD", Holdout: &report.HoldoutFit{Predicted: predicted, Actual: actual}},
		}}}
	}
	// The demo's interval: ±3.5 %.
	demo := &report.MoneyRange{Value: amt("844063.58"), Low: amt("814759.09"), High: amt("873368.07"), Level: 0.95}
	for _, tc := range []struct {
		name string
		c    *report.Customers
		want []string
	}{
		{"demo", customers(1892, 2402, demo), []string{"Caveat: fitted on the weeks before the holdout, the BG/NBD forecast 1892 purchases in it against 2402 actual (-21.2%), a larger miss than the interval above (±3.5%, the parameters' uncertainty) and the holdout's own randomness allow for: the predicted CLV and the LTV of a new customer may be understated too (a holdout with promotions or a season that the weeks before it did not have is one cause)."}},
		// 3.47 % × 2402 + 2√2402 = 181.4: a miss of 181 is allowed, 182 is not.
		{"within", customers(2402-181, 2402, demo), nil},
		{"over", customers(2402+182, 2402, demo), []string{"Caveat: fitted on the weeks before the holdout, the BG/NBD forecast 2584 purchases in it against 2402 actual (+7.6%), a larger miss than the interval above (±3.5%, the parameters' uncertainty) and the holdout's own randomness allow for: the predicted CLV and the LTV of a new customer may be overstated too (a holdout with promotions or a season that the weeks before it did not have is one cause)."}},
		// A small store: 2√25 = 10 purchases of randomness.
		{"small", customers(16, 25, demo), nil},
		{"no interval", customers(1892, 2402, nil), nil},
		{"no actual", customers(3, 0, demo), nil},
		{"by BIC", &report.Customers{CLV: demo, Model: &report.CustomerModel{Chosen: "BG/NBD", Criterion: "BIC", Candidates: []report.ModelCandidate{{Name: "BG/NBD"}}}}, nil},
		{"zero CLV", customers(1892, 2402, &report.MoneyRange{Value: amt("0"), Low: amt("0"), High: amt("0"), Level: 0.95}), nil},
	} {
		if diff := cmp.Diff(tc.want, ModelCaveats(tc.c, English)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	want := "注意：BG/NBD用留出期之前的数据拟合，预测留出期购买1892次，实际2402次（-21.2%），偏差超出上述区间（±3.5%，仅为参数不确定性）与留出期本身的随机波动所能解释的范围：预测客户价值与新客LTV也可能偏低（留出期有此前各周没有的促销或旺季是原因之一）。"
	if got := ModelCaveats(customers(1892, 2402, demo), Chinese); len(got) != 1 || got[0] != want {
		t.Errorf("Chinese: %q", got)
	}
}

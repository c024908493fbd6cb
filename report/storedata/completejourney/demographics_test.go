package completejourney

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/profile"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

func TestReadDemographics(t *testing.T) {
	in := `"household_id","age","income","home_ownership","marital_status","household_size","household_comp","kids_count"
"1","65+","35-49K","Homeowner","Married","2","2 Adults No Kids","0"
"1003","35-44","25-34K",,"Unmarried","1","1 Adult No Kids","0"
"","35-44",,,,,,
"1","45-54",,,,,,
`
	got, errs := storedata.Collect(ReadDemographics(strings.NewReader(in), storedata.Options{File: "demographics.csv"}))
	want := []profile.Customer{
		{ID: "1", AgeBand: "65+", Labels: map[string]string{"income": "35-49K", "home_ownership": "Homeowner", "marital_status": "Married",
			"household_size": "2", "household_comp": "2 Adults No Kids", "kids_count": "0"}},
		{ID: "1003", AgeBand: "35-44", Labels: map[string]string{"income": "25-34K", "marital_status": "Unmarried",
			"household_size": "1", "household_comp": "1 Adult No Kids", "kids_count": "0"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadDemographics (-want +got):\n%s", diff)
	}
	var lines []int
	for _, err := range errs {
		var pe *storedata.ParseError
		if !errors.As(err, &pe) || pe.File != "demographics.csv" {
			t.Fatalf("%v is not a located *storedata.ParseError", err)
		}
		lines = append(lines, pe.Line)
	}
	if diff := cmp.Diff([]int{4, 5}, lines); diff != "" {
		t.Errorf("error lines (empty ID, repeated household) (-want +got):\n%s", diff)
	}
	if !errors.Is(errs[1], storedata.ErrDuplicateID) {
		t.Errorf("the repeated household: %v", errs[1])
	}
}

// TestProfileReview reviews 2017 of the committed transactions slice
// (the first 5,000 lines of the package's sample) with the whole
// demographics table (801 households), and checks the buyers and sales
// of the customer profile by age band and by income against figures
// computed independently with Python from the two CSV files: households
// with at least one line of quantity ≠ 0 (the reader rejects the 28 lines
// of quantity 0), sales Σ sales_value as decimals (the one value written
// 4.440892e-16 as 0), joined to demographics.csv on household_id, an
// empty or absent value as unknown:
//
//	python3: for each line with quantity != "0": sales[h] += Decimal(v);
//	then per value of demo[h][dim] or "unknown": households, Σ sales.
//
// 1,645 households, USD 15,295.53 in all; 926 of them (USD 6,456.96)
// are not in demographics.csv.
func TestProfileReview(t *testing.T) {
	ny := newYork(t)
	src := Source{FS: os.DirFS("testdata"), Transactions: "transactions_sample_5000.csv.gz", Coupons: "coupons_200_per_campaign.csv.gz",
		Demographics: "demographics.csv.gz", Options: storedata.Options{Location: ny}}
	in, _, err := src.Input()
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Customers) != 801 {
		t.Errorf("%d households, want 801", len(in.Customers))
	}
	year, err := metrics.NewPeriod(time.Date(2017, 1, 1, 0, 0, 0, 0, ny), time.Date(2018, 1, 1, 0, 0, 0, 0, ny))
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.Build(in, report.Config{Period: year, TopN: 20})
	if err != nil {
		t.Fatal(err)
	}
	p := r.Profile
	if p == nil {
		t.Fatal("no profile")
	}
	type row struct {
		Buyers int64
		Sales  string
	}
	got := map[string]map[string]row{}
	for _, d := range p.Dimensions {
		if d.Key != profile.DimAgeBand && d.Key != "income" {
			continue
		}
		got[d.Key] = map[string]row{}
		for _, x := range d.Rows {
			got[d.Key][x.Value] = row{x.Buyers, x.Sales.Amount()}
		}
	}
	unknown := row{926, "6456.96"}
	want := map[string]map[string]row{
		profile.DimAgeBand: {"45-54": {257, "3123.86"}, "35-44": {180, "2335.23"}, "25-34": {132, "1528.84"}, "65+": {60, "697.32"},
			"55-64": {51, "585.93"}, "19-24": {39, "567.39"}, "unknown": unknown},
		"income": {"50-74K": {180, "2090.87"}, "35-49K": {151, "1701.38"}, "75-99K": {87, "1238.67"}, "Under 15K": {56, "722.61"},
			"25-34K": {64, "661.56"}, "15-24K": {61, "586.51"}, "150-174K": {28, "490.30"}, "100-124K": {31, "473.35"},
			"125-149K": {35, "429.90"}, "250K+": {11, "225.39"}, "175-199K": {11, "162.55"}, "200-249K": {4, "55.48"}, "unknown": unknown},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("profile (-want +got):\n%s", diff)
	}
	if p.Buyers != 1645 || p.Described != 1645-926 {
		t.Errorf("%d buyers, %d described; want 1645, 719", p.Buyers, p.Described)
	}
}

// FuzzReadDemographics checks that no input panics the reader, that every
// error is located, and that every household read is a valid customer
// with a distinct ID.
func FuzzReadDemographics(f *testing.F) {
	f.Add("household_id,age,income\n1,65+,35-49K\n2,,\n")
	f.Add("\"household_id\",\"age\"\n\"1\",\"x\x01\"\n1,2\n")
	f.Add("age\n3\n")
	f.Fuzz(func(t *testing.T, in string) {
		seen := map[string]bool{}
		for c, err := range ReadDemographics(strings.NewReader(in), storedata.Options{}) {
			if err != nil {
				var pe *storedata.ParseError
				var fe *storedata.FileError
				if !errors.As(err, &pe) && !errors.As(err, &fe) {
					t.Errorf("%v is not located", err)
				}
				continue
			}
			if err := c.Validate(); err != nil || seen[c.ID] {
				t.Errorf("household %+v: %v (seen %v)", c, err, seen[c.ID])
			}
			seen[c.ID] = true
		}
	})
}

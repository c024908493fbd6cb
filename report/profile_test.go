package report

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/profile"
)

// TestBuildProfile checks the profile of the tiny store by hand. In
// November, A (returning: first order in October) bought o2, net 180.00
// (200 − 20 discount; the refund is not deducted), with history 100 + 180
// = 280.00; B (new) bought o3, 50.00; C's only order is cancelled. A is
// 25-34 and F, B has no record.
func TestBuildProfile(t *testing.T) {
	in := tinyStore()
	in.Customers = []profile.Customer{{ID: "A", Age: 30, Gender: "F"}, {ID: "Z", Age: 50}}
	r, err := Build(in, Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	p := r.Profile
	if p == nil {
		t.Fatal("no profile")
	}
	type row struct {
		Value               string
		Buyers, New, Orders int64
		Sales, Value1       string
		Share               string
	}
	got := map[string][]row{}
	for _, d := range p.Dimensions {
		for _, x := range d.Rows {
			v, _ := x.ValuePerBuyer.Money()
			got[d.Key] = append(got[d.Key], row{x.Value, x.Buyers, x.New, x.Orders, x.Sales.Amount(), v.Amount(), x.SalesShare.Percent(1)})
		}
	}
	want := map[string][]row{
		"age_band": {{"25-34", 1, 0, 1, "180.00", "280.00", "78.3%"}, {"unknown", 1, 1, 1, "50.00", "50.00", "21.7%"}},
		"gender":   {{"F", 1, 0, 1, "180.00", "280.00", "78.3%"}, {"unknown", 1, 1, 1, "50.00", "50.00", "21.7%"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("profile rows (-want +got):\n%s", diff)
	}
	if p.Records != 2 || p.Buyers != 2 || p.Described != 1 || p.New != 1 {
		t.Errorf("records %d buyers %d described %d new %d, want 2 2 1 1", p.Records, p.Buyers, p.Described, p.New)
	}
}

// TestBuildProfileAbsent checks that a review without customer records
// has no profile, and no note about it.
func TestBuildProfileAbsent(t *testing.T) {
	r, err := Build(tinyStore(), Config{Period: metrics.MonthOf(2025, time.November, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Profile != nil {
		t.Errorf("profile %+v without customer data", r.Profile)
	}
	for _, n := range r.Notes {
		if n.Key == "invalid_customers" {
			t.Errorf("note %+v", n)
		}
	}
}

// TestBuildProfileBadRecords checks that invalid customer records fail
// the review (strict) or are left out with a note (skip).
func TestBuildProfileBadRecords(t *testing.T) {
	in := func() Input {
		x := tinyStore()
		x.Customers = []profile.Customer{{ID: "A", Age: 30}, {ID: "A", Age: 31}, {ID: "B", Age: 300}}
		return x
	}
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	_, err := Build(in(), Config{Period: nov})
	if !errors.Is(err, profile.ErrInvalid) {
		t.Fatalf("strict: error %v, want profile.ErrInvalid", err)
	}
	r, err := Build(in(), Config{Period: nov, BadRecords: inventory.Skip})
	if err != nil {
		t.Fatal(err)
	}
	var notes []Note
	for _, n := range r.Notes {
		if n.Key == "invalid_customers" {
			notes = append(notes, n)
		}
	}
	want := []Note{
		{Section: SectionCustomers, Key: "invalid_customers", Reason: "Age: age 300 out of range 0 to 120 (B)", LeftOut: 1},
		{Section: SectionCustomers, Key: "invalid_customers", Reason: "ID: duplicate customer ID (A)", LeftOut: 1},
	}
	if diff := cmp.Diff(want, notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	if r.Profile == nil || r.Profile.Records != 1 {
		t.Errorf("profile %+v, want 1 record kept", r.Profile)
	}
}

// TestBuildProfileAgeBands checks configured age bands and the error of
// invalid ones.
func TestBuildProfileAgeBands(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	in := tinyStore()
	in.Customers = []profile.Customer{{ID: "A", Age: 30}}
	r, err := Build(in, Config{Period: nov, AgeBands: profile.AgeBands{Bounds: []int{40}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Profile.Dimensions[0].Rows[0].Value; got != "<40" {
		t.Errorf("band %q, want <40", got)
	}
	in = tinyStore()
	in.Customers = []profile.Customer{{ID: "A", Age: 30}}
	if _, err := Build(in, Config{Period: nov, AgeBands: profile.AgeBands{Bounds: []int{40, 30}}}); !errors.Is(err, metrics.ErrConfig) {
		t.Errorf("error %v, want a metrics.ErrConfig", err)
	}
}

package storedata

import (
	"bytes"
	"errors"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics/profile"
)

const customersCSV = `customer_id,age,age_band,gender,city,region,city_tier,income,household_size
c1,29,,F,Hangzhou,Zhejiang,new 1,50-74K,2
c2,,35-44,M,,,,,
c3,61,,,Chengdu,Sichuan,new 1,,1
`

func TestReadCustomers(t *testing.T) {
	got, errs := Collect(ReadCustomers(strings.NewReader(customersCSV), Options{}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []profile.Customer{
		{ID: "c1", Age: 29, Gender: "F", City: "Hangzhou", Region: "Zhejiang", CityTier: "new 1", Labels: map[string]string{"income": "50-74K", "household_size": "2"}},
		{ID: "c2", AgeBand: "35-44", Gender: "M"},
		{ID: "c3", Age: 61, City: "Chengdu", Region: "Sichuan", CityTier: "new 1", Labels: map[string]string{"household_size": "1"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadCustomers (-want +got):\n%s", diff)
	}
	var buf bytes.Buffer
	if err := WriteCustomers(&buf, slices.Values(got)); err != nil {
		t.Fatal(err)
	}
	// The writer sorts the labels' columns.
	wantOut := "customer_id,age,age_band,gender,city,region,city_tier,household_size,income\n" +
		"c1,29,,F,Hangzhou,Zhejiang,new 1,2,50-74K\nc2,,35-44,M,,,,,\nc3,61,,,Chengdu,Sichuan,new 1,1,\n"
	if diff := cmp.Diff(wantOut, buf.String()); diff != "" {
		t.Errorf("WriteCustomers (-want +got):\n%s", diff)
	}
}

func TestReadCustomersErrors(t *testing.T) {
	in := "customer_id,age,gender\n" +
		"c1,30,F\n" +
		",31,F\n" + // line 3: no ID
		"c2,0,M\n" + // line 4: age 0
		"c3,abc,M\n" + // line 5: not a number
		"c1,40,M\n" + // line 6: repeated ID
		"c4,121,F\n" // line 7: too old
	tests := []struct {
		name, reason string
		strict       bool
		want         []string // "line:column"
	}{
		{"lenient", "every bad row is reported with its line and column; the good row is kept", false, []string{"3:1", "4:2", "5:2", "6:0", "7:2"}},
		{"strict", "strict mode stops at the first", true, []string{"3:1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := Collect(ReadCustomers(strings.NewReader(in), Options{File: "customers.csv", Strict: tt.strict}))
			var at []string
			for _, err := range errs {
				var pe *ParseError
				if !errors.As(err, &pe) || pe.File != "customers.csv" {
					t.Fatalf("%v is not a located *ParseError", err)
				}
				at = append(at, itoa(int64(pe.Line))+":"+itoa(int64(pe.Column)))
			}
			if diff := cmp.Diff(tt.want, at); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
			if len(got) != 1 || got[0].ID != "c1" {
				t.Errorf("read %v, want c1 alone", got)
			}
		})
	}
}

func TestWriteCustomersErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		cs   []profile.Customer
	}{
		{"fixed column as label", []profile.Customer{{ID: "a", Labels: map[string]string{"age": "3"}}}},
		{"empty label", []profile.Customer{{ID: "a", Labels: map[string]string{"income": ""}}}},
		{"twice", []profile.Customer{{ID: "a"}, {ID: "a"}}},
		{"invalid", []profile.Customer{{ID: "a", Age: 200}}},
		{"control text", []profile.Customer{{ID: "a", City: "x\x01"}}},
	} {
		if err := WriteCustomers(&bytes.Buffer{}, slices.Values(c.cs)); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

// TestDirCustomers checks that Dir reads customers.csv into
// Input.Customers and counts its rows.
func TestDirCustomers(t *testing.T) {
	dir := t.TempDir()
	orders := "order_id,customer_id,placed_at,currency,sku,quantity,unit_price\no1,c1,2025-11-11T20:00:00Z,CNY,A,1,10\n"
	for name, s := range map[string]string{fileOrders: orders, fileCustomers: customersCSV + "c1,30,,,,,,,\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	src, err := Dir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(src.Input.Customers); got != 3 {
		t.Errorf("%d customers, want 3", got)
	}
	var st FileStats
	for _, f := range src.Files {
		if f.File == fileCustomers {
			st = f
		}
	}
	if st.Rows != 4 || st.Rejected != 1 {
		t.Errorf("customers.csv stats %+v, want 4 rows, 1 rejected (the repeated c1)", st)
	}
}

func FuzzReadCustomers(f *testing.F) {
	fuzzReader(f, []string{customersCSV, "customer_id\n\n", "customer_id,age,x\na,-1,\"=1\"\n"},
		func(r *strings.Reader, o Options) iter.Seq2[profile.Customer, error] { return ReadCustomers(r, o) }, WriteCustomers)
}

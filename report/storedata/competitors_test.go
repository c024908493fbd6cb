package storedata

import (
	"bytes"
	"errors"
	"iter"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics/market"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

const competitorCSV = `sku,competitor,day,price,currency,promotion
A1,JD,2025-12-01,59.90,CNY,false
A1,JD,2025-12-12,49.90,CNY,true
A1,PDD,2025-12-01,57.00,CNY,
`

func TestReadCompetitorPrices(t *testing.T) {
	shanghai := time.FixedZone("+08:00", 8*3600)
	got, errs := Collect(ReadCompetitorPrices(strings.NewReader(competitorCSV), Options{Location: shanghai}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	d := func(day int) time.Time { return time.Date(2025, time.December, day, 0, 0, 0, 0, shanghai) }
	want := []market.Price{
		{SKU: "A1", Competitor: "JD", Day: d(1), Price: money.MustNew("59.90", "CNY")},
		{SKU: "A1", Competitor: "JD", Day: d(12), Price: money.MustNew("49.90", "CNY"), Promotion: true},
		{SKU: "A1", Competitor: "PDD", Day: d(1), Price: money.MustNew("57.00", "CNY")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadCompetitorPrices (-want +got):\n%s", diff)
	}
	var buf bytes.Buffer
	if err := WriteCompetitorPrices(&buf, slices.Values(got)); err != nil {
		t.Fatal(err)
	}
	back, errs := Collect(ReadCompetitorPrices(&buf, Options{Location: shanghai}))
	if diff := cmp.Diff(want, back); diff != "" || len(errs) > 0 {
		t.Errorf("written and read back (-want +got):\n%s\n%v", diff, errs)
	}
}

func TestReadCompetitorPricesErrors(t *testing.T) {
	const data = `sku,competitor,day,price,currency,promotion
A1,JD,2025-12-01,59.90,CNY,false
,JD,2025-12-02,59.90,CNY,false
A1,,2025-12-02,59.90,CNY,false
A1,JD,2025-12-32,59.90,CNY,false
A1,JD,2025-12-03,0,CNY,false
A1,JD,2025-12-03,-1,CNY,false
A1,JD,2025-12-03,1.5,XXX,false
A1,JD,2025-12-03,59.90,CNY,maybe
A1,JD,2025-12-01,58.00,CNY,false
A1,JD,2025-12-01,58.00,CNY,false
A1,JD,2025-12-04,59.90,USD,true
`
	tests := []struct {
		name   string
		strict bool
		read   int
		lines  []int
		reason string
	}{
		{"lenient", false, 2, []int{3, 4, 5, 6, 7, 8, 9, 10, 11}, "every bad row is reported with its line and reading goes on; a price in another currency is read (the review leaves it out)"},
		{"strict", true, 1, []int{3}, "strict mode stops at the first bad row"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := Collect(ReadCompetitorPrices(strings.NewReader(data), Options{File: "competitor_prices.csv", Strict: tc.strict}))
			var lines []int
			for _, err := range errs {
				var pe *ParseError
				if !errors.As(err, &pe) || pe.File != "competitor_prices.csv" {
					t.Fatalf("error %v is not a located *ParseError", err)
				}
				lines = append(lines, pe.Line)
			}
			if len(got) != tc.read || !slices.Equal(lines, tc.lines) {
				t.Errorf("read %d, errors on lines %v; want %d and %v: %s\n%v", len(got), lines, tc.read, tc.lines, tc.reason, errs)
			}
		})
	}
	_, errs := Collect(ReadCompetitorPrices(strings.NewReader(data), Options{File: "competitor_prices.csv"}))
	msgs := []string{}
	for _, err := range errs {
		msgs = append(msgs, err.Error())
	}
	for _, want := range []string{"price 0 is not positive", "price -1 is not positive", "maybe", "was used on line 2", ErrDuplicateRow.Error()} {
		if !strings.Contains(strings.Join(msgs, "\n"), want) {
			t.Errorf("no error says %q:\n%s", want, strings.Join(msgs, "\n"))
		}
	}
	if !errors.Is(errs[7], ErrDuplicateID) {
		t.Errorf("line 10: %v, want ErrDuplicateID", errs[7])
	}
}

func TestWriteCompetitorPricesErrors(t *testing.T) {
	d := time.Date(2025, time.December, 1, 0, 0, 0, 0, time.UTC)
	p := market.Price{SKU: "A", Competitor: "JD", Day: d, Price: money.MustNew("1", "CNY")}
	bad := func(f func(p *market.Price)) market.Price { q := p; f(&q); return q }
	tests := []struct {
		name   string
		prices []market.Price
	}{
		{"zero price", []market.Price{bad(func(p *market.Price) { p.Price = money.MustNew("0", "CNY") })}},
		{"no SKU", []market.Price{bad(func(p *market.Price) { p.SKU = "" })}},
		{"no competitor", []market.Price{bad(func(p *market.Price) { p.Competitor = "" })}},
		{"twice", []market.Price{p, bad(func(p *market.Price) { p.Promotion = true })}},
		{"control character", []market.Price{bad(func(p *market.Price) { p.Competitor = "J\x00D" })}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := WriteCompetitorPrices(&bytes.Buffer{}, slices.Values(tc.prices)); err == nil {
				t.Error("no error")
			}
		})
	}
}

func FuzzReadCompetitorPrices(f *testing.F) {
	fuzzReader(f, []string{competitorCSV, "sku,competitor,day,price,currency\nA,B,2025-01-01,1,USD\n"},
		func(r *strings.Reader, o Options) iter.Seq2[market.Price, error] { return ReadCompetitorPrices(r, o) }, WriteCompetitorPrices)
}

// TestDirCompetitorPrices reads a demo export with its competitor prices
// and one bad row: Dir collects the prices, each day in the store's zone
// (+08:00, from the orders' offsets), and counts the rejected row.
func TestDirCompetitorPrices(t *testing.T) {
	dir, s := smallDemo(t)
	if len(s.CompetitorPrices) == 0 {
		t.Fatal("the demo has no competitor prices")
	}
	var buf bytes.Buffer
	if err := WriteCompetitorPrices(&buf, slices.Values(s.CompetitorPrices)); err != nil {
		t.Fatal(err)
	}
	buf.WriteString("A1,JD,2025-12-01,-3,CNY,false\n")
	writeString(t, dir, "competitor_prices.csv", buf.String())
	src, err := Dir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := src.Input.CompetitorPrices
	if len(got) != len(s.CompetitorPrices) {
		t.Fatalf("%d prices, want %d", len(got), len(s.CompetitorPrices))
	}
	if want := s.CompetitorPrices[0]; !got[0].Day.Equal(want.Day) || got[0].Day.Location().String() != "+08:00" || !got[0].Price.Equal(want.Price) {
		t.Errorf("first price %+v, want %+v in +08:00", got[0], want)
	}
	var stats *FileStats
	for i := range src.Files {
		if src.Files[i].File == "competitor_prices.csv" {
			stats = &src.Files[i]
		}
	}
	if stats == nil || stats.Rows != int64(len(got)+1) || stats.Rejected != 1 {
		t.Errorf("file stats %+v, want %d rows and 1 rejected", stats, len(got)+1)
	}
	if len(src.Input.Rejected) != 1 || src.Input.Rejected[0].File != "competitor_prices.csv" {
		t.Errorf("Input.Rejected %+v", src.Input.Rejected)
	}
	if _, err := Dir(dir, Options{Strict: true}); err == nil {
		t.Error("strict: no error for the bad row")
	}
}

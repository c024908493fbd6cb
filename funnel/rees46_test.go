package funnel

import (
	"encoding/csv"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// rees46Events reads the REES46 sample (testdata/rees46/README.md).
func rees46Events(t *testing.T) []Event {
	t.Helper()
	f, err := os.Open("testdata/rees46/2019-Oct-sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var events []Event
	for i, r := range rows[1:] {
		tm, err := time.Parse("2006-01-02 15:04:05 UTC", r[0])
		if err != nil {
			t.Fatalf("line %d: %v", i+2, err)
		}
		events = append(events, Event{UserID: r[7], Time: tm, Name: r[1], Props: []Prop{{PropSession, r[8]}}})
	}
	return events
}

// TestREES46 checks the counts the dataset's curator published for the
// sample, and the funnels against an independent Python implementation of
// windowFunnel's default mode run on the same file (view → cart → purchase:
// 372, 3, 2 sessions and 330, 3, 2 users; view → purchase: 9 sessions).
func TestREES46(t *testing.T) {
	events := rees46Events(t)
	tr, err := CountTraffic(Traffic{Sessions: SessionRule{Key: PropSession}, PageView: "view"}, events)
	if err != nil {
		t.Fatal(err)
	}
	// Curator's README: 330 users, 372 sessions, 987 views.
	if got, want := [3]int64{tr.Total.Visitors, tr.Total.Sessions, tr.Total.PageViews}, [3]int64{330, 372, 987}; got != want {
		t.Errorf("visitors, sessions, views = %v, want %v", got, want)
	}
	tests := []struct {
		name  string
		cfg   Config
		units int64
		want  []int64
	}{
		{"sessions view-cart-purchase", Config{Steps: steps("view", "cart", "purchase"), Unit: PerSession, Sessions: SessionRule{Key: PropSession}}, 372, []int64{372, 3, 2}},
		{"users view-cart-purchase", Config{Steps: steps("view", "cart", "purchase")}, 330, []int64{330, 3, 2}},
		// Curator's README: 9 sessions with a purchase, each with a view.
		{"sessions view-purchase", Config{Steps: steps("view", "purchase"), Unit: PerSession, Sessions: SessionRule{Key: PropSession}}, 372, []int64{372, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Count(tt.cfg, events)
			if err != nil {
				t.Fatal(err)
			}
			if r.Units != tt.units {
				t.Errorf("Units = %d, want %d", r.Units, tt.units)
			}
			if diff := cmp.Diff(tt.want, reached(r)); diff != "" {
				t.Errorf("reached (-want +got):\n%s", diff)
			}
		})
	}
}

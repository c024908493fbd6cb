package loyalty_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
)

func TestValidate(t *testing.T) {
	if err := loyalty.Validate(handMembers, handEntries); err != nil {
		t.Fatalf("the hand store: %v", err)
	}
	type loc struct {
		Record   string
		Index    int
		Customer string
		Field    string
	}
	tests := []struct {
		name, reason string
		members      []loyalty.Member
		entries      []loyalty.Entry
		want         []loc
	}{
		{name: "redeem above balance", reason: "100 issued, 150 redeemed: the redemption is the error",
			entries: []loyalty.Entry{
				{CustomerID: "a", At: at("2025-12-01T10:00"), Kind: loyalty.Issued, Points: 100},
				{CustomerID: "b", At: at("2025-12-01T10:00"), Kind: loyalty.Issued, Points: 500},
				{CustomerID: "a", At: at("2025-12-02T10:00"), Kind: loyalty.Redeemed, Points: 150},
			},
			want: []loc{{"entry", 2, "a", "Points"}}},
		{name: "time order, not slice order", reason: "the redemption is listed first but comes later",
			entries: []loyalty.Entry{
				{CustomerID: "a", At: at("2025-12-02T10:00"), Kind: loyalty.Redeemed, Points: 100},
				{CustomerID: "a", At: at("2025-12-01T10:00"), Kind: loyalty.Issued, Points: 100},
			}},
		{name: "expiry and negative adjustment", reason: "each customer's first shortfall only",
			entries: []loyalty.Entry{
				{CustomerID: "a", At: at("2025-12-01T10:00"), Kind: loyalty.Expired, Points: 1},
				{CustomerID: "a", At: at("2025-12-02T10:00"), Kind: loyalty.Redeemed, Points: 1},
				{CustomerID: "b", At: at("2025-12-01T10:00"), Kind: loyalty.Adjusted, Points: -5},
			},
			want: []loc{{"entry", 0, "a", "Points"}, {"entry", 2, "b", "Points"}}},
		{name: "bad entries", reason: "every problem at once",
			entries: []loyalty.Entry{
				{At: at("2025-12-01T10:00"), Kind: loyalty.Issued, Points: 1},
				{CustomerID: "a", Kind: loyalty.Issued, Points: 1},
				{CustomerID: "a", At: at("2025-12-01T10:00"), Points: 1},
				{CustomerID: "a", At: at("2025-12-01T10:00"), Kind: loyalty.Adjusted},
				{CustomerID: "a", At: at("2025-12-01T10:00"), Kind: loyalty.Redeemed, Points: -3},
			},
			want: []loc{{"entry", 0, "", "CustomerID"}, {"entry", 1, "a", "At"}, {"entry", 2, "a", "Kind"},
				{"entry", 3, "a", "Points"}, {"entry", 4, "a", "Points"}}},
		{name: "bad members", reason: "no ID, no day, left first, twice",
			members: []loyalty.Member{
				{Joined: day("2025-01-01")},
				{CustomerID: "a"},
				{CustomerID: "b", Joined: day("2025-01-02"), Left: day("2025-01-02")},
				{CustomerID: "c", Joined: day("2025-01-02")},
				{CustomerID: "c", Joined: day("2025-01-03")},
			},
			want: []loc{{"member", 0, "", "CustomerID"}, {"member", 1, "a", "Joined"}, {"member", 2, "b", "Left"}, {"member", 4, "c", "CustomerID"}}},
	}
	for _, tc := range tests {
		err := loyalty.Validate(tc.members, tc.entries)
		var got []loc
		if err != nil {
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				var re *loyalty.RecordError
				if !errors.As(e, &re) || !errors.Is(e, metrics.ErrInvalid) {
					t.Fatalf("%s: %T %v is not a *RecordError wrapping metrics.ErrInvalid", tc.name, e, e)
				}
				got = append(got, loc{re.Record, re.Index, re.CustomerID, re.Field})
			}
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (%s): errors (-want +got):\n%s", tc.name, tc.reason, diff)
		}
	}
}

func TestRecordErrorMessage(t *testing.T) {
	err := loyalty.Validate(nil, []loyalty.Entry{
		{CustomerID: "a", At: at("2025-12-01T10:00"), Kind: loyalty.Issued, Points: 100},
		{CustomerID: "a", At: at("2025-12-02T10:00"), Kind: loyalty.Redeemed, Points: 150},
	})
	want := `loyalty: entry 1 of customer "a": Points: redeemed 150 points at 2025-12-02T10:00:00Z, above the balance of 100`
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

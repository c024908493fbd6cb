package funnel_test

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
)

// TestTrafficDemoBytes counts the traffic of the demo's reviewed month
// (December 2025 of the two-year demo store, sample.Events with the
// default Config) under four settings, and checks the SHA-256 of each
// Traffic's encoding against the hash the Traffic of map-keyed users and
// sessions wrote (commit ea31199, before its tables were rewritten): a
// change of its memory layout must not change a byte of its encoding.
func TestTrafficDemoBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the two-year demo's events")
	}
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	from, to := time.Date(2025, 12, 1, 0, 0, 0, 0, loc), time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
	cases := []struct {
		name     string
		sessions funnel.SessionRule
		want     string
	}{
		{"gap", funnel.SessionRule{}, "368008d6dace9cd7de0c5f484b6cd4511e7e41ed1b2477d283ff3348c87e3731"},
		{"keyed", funnel.SessionRule{Key: funnel.PropSession}, "a1e30646392c183106e9677ac62af4428ff47a58e5bbcde0ccfd467c2eea6961"},
		{"gap_engaged", funnel.SessionRule{Bounce: funnel.BounceNotEngaged}, "0be26c4b502d7cfbf6bf8fcac9603b4c8f56bea8a538da3cf7eddf2913203690"},
		{"keyed_engaged", funnel.SessionRule{Key: funnel.PropSession, Bounce: funnel.BounceNotEngaged}, "60f6ecb6fbc36439038530e2f5d4f30fd71afd865c4cef61a485fd2c93011bb5"},
	}
	trs := make([]funnel.Traffic, len(cases))
	for i, tc := range cases {
		trs[i].Sessions = tc.sessions
	}
	n := 0
	for e := range sample.Events(sample.Config{}) {
		if e.Time.Before(from) || !e.Time.Before(to) {
			continue
		}
		n++
		for i := range trs {
			if err := trs[i].Add(e); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("%d events", n)
	for i, tc := range cases {
		data, err := trs[i].MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		r := trs[i].Report()
		t.Logf("%s: %d bytes, %d visitors, %d sessions", tc.name, len(data), r.Total.Visitors, r.Total.Sessions)
		if got := hex.EncodeToString(sum[:]); got != tc.want {
			t.Errorf("%s: the encoding's SHA-256 is %s, want %s", tc.name, got, tc.want)
		}
	}
}

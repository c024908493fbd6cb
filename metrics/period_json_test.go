package metrics

import (
	"encoding/json"
	"testing"
	"time"
)

func TestPeriodJSON(t *testing.T) {
	sh := time.FixedZone("CST", 8*3600)
	for _, p := range []Period{{}, MonthOf(2025, time.November, sh), DayOf(2024, time.February, 29, time.UTC)} {
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var got Period
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if !got.Start.Equal(p.Start) || !got.End.Equal(p.End) || got.Grain != p.Grain {
			t.Errorf("%v → %s → %v", p, b, got)
		}
	}
	b, _ := json.Marshal(MonthOf(2025, time.November, sh))
	if want := `{"label":"2025-11","start":"2025-11-01T00:00:00+08:00","end":"2025-12-01T00:00:00+08:00","grain":"month"}`; string(b) != want {
		t.Errorf("MarshalJSON = %s, want %s", b, want)
	}
}

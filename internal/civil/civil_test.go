package civil

import (
	"testing"
	"time"
	_ "time/tzdata"

	"pgregory.net/rapid"
)

func TestDaysAndDate(t *testing.T) {
	for _, tt := range []struct {
		y    int
		m    time.Month
		d    int
		want int64
	}{
		{1970, 1, 1, 0}, {1969, 12, 31, -1}, {2000, 2, 29, 11016}, {2025, 11, 11, 20403}, {1, 1, 1, -719162},
	} {
		if got := Days(tt.y, tt.m, tt.d); got != tt.want {
			t.Errorf("Days(%d-%d-%d) = %d, want %d", tt.y, tt.m, tt.d, got, tt.want)
		}
		if y, m, d := Date(tt.want); y != tt.y || m != tt.m || d != tt.d {
			t.Errorf("Date(%d) = %d-%d-%d", tt.want, y, m, d)
		}
	}
}

// The day numbers agree with the time package's calendar, and the cache
// with the direct conversion, in zones with daylight saving (including
// Santiago, where midnight itself is skipped).
func TestPropAgreesWithTime(t *testing.T) {
	zones := []string{"UTC", "Asia/Shanghai", "America/New_York", "America/Santiago", "Pacific/Apia"}
	var c Cache
	rapid.Check(t, func(t *rapid.T) {
		loc, err := time.LoadLocation(rapid.SampledFrom(zones).Draw(t, "zone"))
		if err != nil {
			t.Fatal(err)
		}
		ts := time.Unix(rapid.Int64Range(-4e10, 4e10).Draw(t, "unix"), 0)
		lt := ts.In(loc)
		want := floorDiv(time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, time.UTC).Unix(), 86400)
		if got := Of(ts, loc); got != want {
			t.Fatalf("Of(%v) = %d, want %d", lt, got, want)
		}
		if got := c.Day(ts, loc); got != want {
			t.Fatalf("Cache.Day(%v) = %d, want %d", lt, got, want)
		}
		if got := Weekday(want); got != lt.Weekday() {
			t.Fatalf("Weekday(%d) = %v, want %v", want, got, lt.Weekday())
		}
	})
}

// Zones are compared by name and offsets: a Merge used to accept two fixed
// zones called "CST" eight hours east and six hours west of UTC.
func TestSameLocation(t *testing.T) {
	load := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	tests := []struct {
		name   string
		a, b   *time.Location
		want   bool
		reason string
	}{
		{"one zone loaded twice", load("Asia/Shanghai"), load("Asia/Shanghai"), true, "two *time.Location values of one zone"},
		{"nil and UTC", nil, time.UTC, true, "nil means UTC"},
		{"different names", load("Asia/Shanghai"), time.UTC, false, "different zones"},
		{"CST +8 and CST -6", time.FixedZone("CST", 8*3600), time.FixedZone("CST", -6*3600), false, "same name, days 14 hours apart"},
		{"fixed and DST zone of one name", time.FixedZone("America/New_York", -5*3600), load("America/New_York"), false,
			"the fixed zone has no summer time"},
		{"fixed zones alike", time.FixedZone("CST", 8*3600), time.FixedZone("CST", 8*3600), true, "same name and offset"},
	}
	for _, tt := range tests {
		if got := SameLocation(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: SameLocation = %v, want %v: %s", tt.name, got, tt.want, tt.reason)
		}
		if got := SameLocation(tt.b, tt.a); got != tt.want {
			t.Errorf("%s: SameLocation (swapped) = %v, want %v: %s", tt.name, got, tt.want, tt.reason)
		}
	}
}

// TestOffsetsDigest: zones SameLocation finds the same digest alike, and
// these zones of other offsets, alike in name or not, digest otherwise.
func TestOffsetsDigest(t *testing.T) {
	zones := []*time.Location{nil, time.UTC, time.FixedZone("CST", 8*3600), time.FixedZone("CST", -6*3600),
		time.FixedZone("", 8*3600), time.FixedZone("X", 3600)}
	for _, name := range []string{"Asia/Shanghai", "America/New_York", "Europe/London"} {
		if loc, err := time.LoadLocation(name); err == nil {
			zones = append(zones, loc)
		}
	}
	for i, a := range zones {
		for j, b := range zones {
			same, digest := SameLocation(a, b), OffsetsDigest(a) == OffsetsDigest(b)
			if same && !digest {
				t.Errorf("zones %d and %d (%v, %v) are the same, digested otherwise", i, j, a, b)
			}
			sameOffsets := true
			for y := 1970; y <= 2050; y += 4 {
				for m := time.January; m <= time.December; m += 3 {
					at := time.Date(y, m, 15, 12, 0, 0, 0, time.UTC)
					_, oa := at.In(cmpLoc(a)).Zone()
					_, ob := at.In(cmpLoc(b)).Zone()
					sameOffsets = sameOffsets && oa == ob
				}
			}
			if digest != sameOffsets {
				t.Errorf("zones %d and %d (%v, %v): digests equal %v, offsets equal %v", i, j, a, b, digest, sameOffsets)
			}
		}
	}
}

func cmpLoc(l *time.Location) *time.Location {
	if l == nil {
		return time.UTC
	}
	return l
}

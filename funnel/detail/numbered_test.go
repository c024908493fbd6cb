package detail_test

import (
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/funnel/detail"
)

// sameError reports how got differs from want, an error of Add: the same
// message and, for a *funnel.EventError, the same fields.
func sameError(want, got error) string {
	if (want == nil) != (got == nil) {
		return fmt.Sprintf("error %v, want %v", got, want)
	}
	if want == nil {
		return ""
	}
	var we, ge *funnel.EventError
	if errors.As(want, &we) != errors.As(got, &ge) || want.Error() != got.Error() {
		return fmt.Sprintf("error %v, want %v", got, want)
	}
	if we != nil && (we.UserID != ge.UserID || !we.Time.Equal(ge.Time) || we.Time.Location() != ge.Time.Location() ||
		!we.Prev.Equal(ge.Prev) || we.Prev.Location() != ge.Prev.Location() || we.Err != ge.Err) {
		return fmt.Sprintf("error %#v, want %#v", *ge, *we)
	}
	return ""
}

// A Counter of users by number counts and refuses every event and
// purchase as a Counter of users by ID does, whatever the numbers (dense,
// sparse, negative), over hundreds of users (tables grown many times),
// with ties, events out of order and times out of range: its errors and
// its result are the same. TouchNumbered between the events changes
// neither.
func TestPropertyNumbered(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		nUsers := rapid.IntRange(1, 300).Draw(t, "users")
		base := rapid.Int32().Draw(t, "base")
		stride := rapid.Int32Range(1, 1<<20).Draw(t, "stride")
		numbers := make([]int32, nUsers)
		used := make(map[int32]bool)
		for u := range numbers {
			n := base + int32(u)*stride
			for used[n] {
				n++
			}
			used[n], numbers[u] = true, n
		}
		userTime := make([]time.Duration, nUsers)
		var byID, byNumber detail.Counter
		for i := range rapid.IntRange(0, 1000).Draw(t, "events") {
			u := rapid.IntRange(0, nUsers-1).Draw(t, "user")
			step := time.Duration(rapid.IntRange(-1, 3).Draw(t, "step")) * 12 * time.Hour / 3
			if step > 0 {
				userTime[u] += step
			}
			at := t0.Add(userTime[u] + min(step, 0)) // before the user's last: out of order
			if rapid.IntRange(0, 99).Draw(t, "range") == 0 {
				at = time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			id := "user-" + strconv.Itoa(u)
			if rapid.IntRange(0, 3).Draw(t, "touch") == 0 { // changes nothing, by number or by ID
				touched := append([]int32{numbers[u]}, rapid.SliceOfN(rapid.Int32(), 0, 4).Draw(t, "touched")...)
				byID.TouchNumbered(touched)
				byNumber.TouchNumbered(touched)
			}
			sku := rapid.SampledFrom([]string{"A", "B", "C", "D", ""}).Draw(t, "sku")
			var want, got error
			if rapid.IntRange(0, 4).Draw(t, "purchase") == 0 {
				want, got = byID.AddPurchase(id, sku, at), byNumber.AddPurchaseNumbered(numbers[u], id, sku, at)
			} else {
				e := ev(id, 0, rapid.SampledFrom([]string{v, c, b, "checkout"}).Draw(t, "name"), sku)
				e.Time = at
				want, got = byID.Add(&e), byNumber.AddNumbered(numbers[u], &e)
			}
			if diff := sameError(want, got); diff != "" {
				t.Fatalf("event %d of %s: %s", i, id, diff)
			}
		}
		if diff := cmp.Diff(byID.Result(), byNumber.Result()); diff != "" {
			t.Fatalf("result (-by ID +by number):\n%s", diff)
		}
	})
}

// A Counter keys its users one way: the other kind of user, Merge and
// MarshalBinary are refused with funnel.ErrNumbered and change nothing.
func TestNumberedRefusals(t *testing.T) {
	e, later := ev("u", 0, v, "A"), ev("u", 1, c, "A")
	var byID, byNumber detail.Counter
	if err := errors.Join(byID.Add(&e), byNumber.AddNumbered(7, &e)); err != nil {
		t.Fatal(err)
	}
	want := byNumber.Result()
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"Add by number", byNumber.Add(&later)},
		{"AddPurchase by number", byNumber.AddPurchase("u", "A", later.Time)},
		{"AddNumbered by ID", byID.AddNumbered(7, &later)},
		{"AddPurchaseNumbered by ID", byID.AddPurchaseNumbered(7, "u", "A", later.Time)},
		{"Merge into numbered", byNumber.Merge(&detail.Counter{})},
		{"Merge of numbered", new(detail.Counter).Merge(&byNumber)},
		{"MarshalBinary", func() error { _, err := byNumber.MarshalBinary(); return err }()},
	} {
		if !errors.Is(tc.err, funnel.ErrNumbered) {
			t.Errorf("%s: error %v, want funnel.ErrNumbered", tc.name, tc.err)
		}
	}
	if diff := cmp.Diff(want, byNumber.Result()); diff != "" {
		t.Errorf("a refused call changed the Counter (-want +got):\n%s", diff)
	}
}

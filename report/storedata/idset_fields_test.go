package storedata

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestIDSetFields checks IDs of several counted fields (with 9s that carry,
// widths that roll over, steps back, other templates, repeats) added as the
// reader adds them (addNext first, then addKey), against a map.
func TestIDSetFields(t *testing.T) {
	iters := 3000
	for seed := range uint64(iters) {
		rng := rand.New(rand.NewPCG(seed, 7))
		m := newIDSet(rng.IntN(100))
		want := map[string]int{}
		var seen []string
		nf := 1 + rng.IntN(3)
		cnt := make([]int, nf)
		wid := make([]int, nf)
		for i := range nf {
			wid[i] = 1 + rng.IntN(4)
			cnt[i] = rng.IntN(20)
		}
		seps := []string{"", "-", "A", "B"}
		prefix := seps[rng.IntN(4)]
		id := func() string {
			var b strings.Builder
			b.WriteString(prefix)
			for i := range nf {
				if i > 0 {
					b.WriteString("-")
				}
				fmt.Fprintf(&b, "%0*d", wid[i], cnt[i])
			}
			s := b.String()
			if len(s) > 15 {
				s = s[len(s)-15:]
			}
			return s
		}
		n := 200 + rng.IntN(2000)
		for line := 1; line <= n; line++ {
			var s string
			f := rng.IntN(nf)
			switch rng.IntN(30) {
			case 0:
				if len(seen) > 0 {
					s = seen[rng.IntN(len(seen))]
				}
			case 1:
				cnt[f] = max(cnt[f]+rng.IntN(25)-12, 0)
			case 2:
				cnt[f]++
				cnt[rng.IntN(nf)] = rng.IntN(15)
			case 3:
				prefix = seps[rng.IntN(4)]
			case 4:
				cnt[f] = 9 + 10*rng.IntN(3) - rng.IntN(2)
			case 5:
				s = fmt.Sprintf("a-long-order-id-%d", rng.IntN(30))
			default:
				if rng.IntN(4) == 0 {
					cnt[f]++
				} else {
					cnt[0]++
				}
			}
			if s == "" {
				s = id()
			}
			var first int
			var dup bool
			if !m.addNext(testKey(m, s), line) {
				first, dup = m.add(s, line)
			}
			was, ok := want[s]
			if dup != ok || first != was {
				t.Fatalf("seed %d line %d: add(%q) = %d, %v; want %d, %v", seed, line, s, first, dup, was, ok)
			}
			if !ok {
				want[s] = line
				seen = append(seen, s)
			}
		}
		for s, was := range want {
			if first, dup := m.add(s, n+1); !dup || first != was {
				t.Fatalf("seed %d: add(%q) again = %d, %v; want %d, true", seed, s, first, dup, was)
			}
		}
	}
}

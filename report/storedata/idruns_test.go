package storedata

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// TestIDSetRuns: a set fed IDs as stores number them, counted in one of
// two fields of digits that go up by one, roll over to more digits, jump,
// step back, switch fields or prefixes, with an ID from before now and
// then (checked against a map), finds every ID added before with its
// first line, and no other.
func TestIDSetRuns(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := newIDSet(rapid.IntRange(0, 3000).Draw(t, "hint"))
		want := map[string]int{}
		var seen []string
		prefix := rapid.SampledFrom([]string{"O", "", "ord-", "A1B"}).Draw(t, "prefix")
		w1, w2 := rapid.IntRange(1, 6).Draw(t, "width1"), rapid.IntRange(0, 3).Draw(t, "width2")
		c1, c2 := 0, 0
		id := func() string {
			if w2 == 0 {
				return fmt.Sprintf("%s%0*d", prefix, w1, c1)
			}
			return fmt.Sprintf("%s%0*d-%0*d", prefix, w1, c1, w2, c2)
		}
		n := rapid.IntRange(0, 3000).Draw(t, "n")
		for line := 1; line <= n; line++ {
			var s string
			switch rapid.IntRange(0, 40).Draw(t, "step") {
			case 0: // an ID from before
				if len(seen) > 0 {
					s = seen[rapid.IntRange(0, len(seen)-1).Draw(t, "old")]
				}
			case 1: // a jump, either way
				c1 = max(c1+rapid.IntRange(-12, 12).Draw(t, "jump"), 0)
			case 2: // the other field goes up, the first starts again
				c2++
				c1 = rapid.IntRange(0, 20).Draw(t, "restart")
			case 3: // the second field counts for a while
				c2++
			case 4: // another prefix
				prefix = rapid.SampledFrom([]string{"O", "", "ord-", "A1B"}).Draw(t, "prefix")
			case 5: // an ID of more than 15 bytes
				s = fmt.Sprintf("a-long-order-id-%d", rapid.IntRange(0, 30).Draw(t, "long"))
			default:
				c1++
			}
			if s == "" {
				s = id()
			}
			var first int
			var dup bool
			// As the order reader adds an ID: by addNext when it is the
			// next of the current run, else by addKey; or by add.
			if !rapid.Bool().Draw(t, "by addNext") || !m.addNext(testKey(m, s), line) {
				first, dup = m.add(s, line)
			}
			was, ok := want[s]
			if dup != ok || first != was {
				t.Fatalf("line %d: add(%q) = %d, %v; want %d, %v", line, s, first, dup, was, ok)
			}
			if !ok {
				want[s] = line
				seen = append(seen, s)
			}
		}
		// Every ID again, from the table or a run.
		for s, was := range want {
			if first, dup := m.add(s, n+1); !dup || first != was {
				t.Fatalf("add(%q) again = %d, %v; want %d, true", s, first, dup, was)
			}
		}
	})
}

// TestIDSetPrepNext: after the IDs added, the set expects as the next of
// its current run (runs.want) the ID whose counter is one more, only
// when adding it would only extend that run; and addNext adds that ID,
// and no other.
func TestIDSetPrepNext(t *testing.T) {
	tests := []struct {
		name, reason string
		ids          []string
		want         string // "": none
	}{
		{name: "run", reason: "the counter's last digit goes up", ids: []string{"O0001", "O0002"}, want: "O0003"},
		{name: "second word", reason: "the counter ends in the key's second word", ids: []string{"O00000001-000", "O00000002-000"}, want: "O00000003-000"},
		{name: "single", reason: "one ID makes no run", ids: []string{"O0001"}},
		{name: "carry", reason: "after a 9 the next count carries, which addKey reads", ids: []string{"O0008", "O0009"}},
		{name: "next run", reason: "the next count starts a later run: a duplicate", ids: []string{"O0003", "O0004", "O0001", "O0002"}},
		{name: "single ahead", reason: "the table may hold the next as a single", ids: []string{"O0005", "O0003", "O0004"}},
		{name: "other field", reason: "another field of the IDs is counted in a run, where find must look",
			ids: []string{"A1-1", "A1-2", "A2-5", "A3-5", "A3-6"}},
		{name: "after a duplicate", reason: "a duplicate changes nothing, but addKey looks again",
			ids: []string{"O0001", "O0002", "O0001"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := newIDSet(0)
			for line, id := range tc.ids {
				m.add(id, line+2)
			}
			got := ""
			if m.runs.wantOK {
				b, n := keyBytes(m.runs.want)
				got = string(b[:n])
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Fatalf("%s: the next ID after %q (-want +got):\n%s", tc.reason, tc.ids, diff)
			}
			if tc.want == "" {
				return
			}
			line := len(tc.ids) + 2
			if m.addNext(testKey(m, tc.want+"0"), line) || m.addNext(testKey(m, tc.ids[0]), line) {
				t.Fatalf("addNext added another ID than %q", tc.want)
			}
			if !m.addNext(testKey(m, tc.want), line) {
				t.Fatalf("addNext(%q) did not add it", tc.want)
			}
			if first, dup := m.add(tc.want, line+1); !dup || first != line {
				t.Fatalf("%q again: %d, %v; want %d, true", tc.want, first, dup, line)
			}
		})
	}
}

// TestIDSetRunsLeaveTable: a file of counted IDs, in runs that start
// again with another suffix (as the demo store's), keeps only the first
// of each run in the set's table, which stays at its first size.
func TestIDSetRunsLeaveTable(t *testing.T) {
	const runs, per = 40, 5_000
	m := newIDSet(runs * per)
	defer m.free()
	for r := range runs {
		for i := range per {
			if _, dup := m.add(fmt.Sprintf("O%08d-%03d", i+1, r), 2+r*per+i); dup {
				t.Fatalf("O%08d-%03d: seen before", i+1, r)
			}
		}
	}
	if m.n != runs || len(m.runs.list) != runs {
		t.Errorf("%d IDs in the table and %d runs, want %d and %d", m.n, len(m.runs.list), runs, runs)
	}
	if first, dup := m.add("O00002500-017", 1e6); !dup || first != 2+17*per+2499 {
		t.Errorf("an ID of the 18th run again: %d, %v; want %d, true", first, dup, 2+17*per+2499)
	}
}

// TestSuccessor: successor tells the next ID of a run, counted in one
// field of digits, from any other pair, and next tells it for a run's
// field.
func TestSuccessor(t *testing.T) {
	m := newIDSet(0)
	tests := []struct {
		p, x   string
		s, e   int
		ok     bool
		reason string
	}{
		{"O00000001-000", "O00000002-000", 1, 9, true, "the first field counts"},
		{"O00000009-000", "O00000010-000", 1, 9, true, "a carry inside the field"},
		{"O00000199-000", "O00000200-000", 1, 9, true, "two carries"},
		{"O00000001-000", "O00000001-001", 10, 13, true, "the second field counts"},
		{"O00000001-009", "O00000002-000", 0, 0, false, "two fields change"},
		{"O00000019-000", "O00000020-001", 0, 0, false, "a carry, and the other field changes"},
		{"O9", "O10", 0, 0, false, "the field grows a digit: another length"},
		{"O00000003-000", "O00000002-000", 0, 0, false, "a step back"},
		{"O00000001-000", "O00000003-000", 0, 0, false, "a step of two"},
		{"O00000019-000", "O00000030-000", 0, 0, false, "a step of eleven"},
		{"195", "205", 0, 0, false, "a step of ten, not a carry"},
		{"O00000001-000", "O00000001-000", 0, 0, false, "the same ID"},
		{"Oa", "Ob", 0, 0, false, "not digits"},
		{"O/", "O0", 0, 0, false, "the byte before the digits"},
		{"O9", "O:", 0, 0, false, "the byte after the digits"},
		{"1a", "2a", 0, 1, true, "a field at the start"},
		{"A1x2", "A1y2", 0, 0, false, "a letter differs"},
		{"999999999999998", "999999999999999", 0, 15, true, "fifteen digits"},
		{"a99999999-99999", "b00000000-00000", 0, 0, false, "a letter then carries"},
		{"a99999999999999", "b00000000000000", 0, 0, false, "a letter then carries past the first word"},
		{"x0999999999999-", "x1000000000000-", 1, 14, true, "a carry past the first word"},
	}
	for _, tt := range tests {
		s, e, ok := successor(testKey(m, tt.p), testKey(m, tt.x))
		if ok != tt.ok || ok && (s != tt.s || e != tt.e) {
			t.Errorf("%s: successor(%q, %q) = %d, %d, %v; want %d, %d, %v", tt.reason, tt.p, tt.x, s, e, ok, tt.s, tt.e, tt.ok)
		}
		if tt.ok {
			if !next(testKey(m, tt.p), testKey(m, tt.x), tt.s, tt.e) {
				t.Errorf("%s: next(%q, %q, %d, %d) = false", tt.reason, tt.p, tt.x, tt.s, tt.e)
			}
			if tt.s > 0 && next(testKey(m, tt.p), testKey(m, tt.x), tt.s-1, tt.s) {
				t.Errorf("%s: next(%q, %q, %d, %d) = true, a field before", tt.reason, tt.p, tt.x, tt.s-1, tt.s)
			}
		}
	}
}

// TestNextSuccessor: next(p, x, s, e) for a run counted in [s, e) is
// successor(p, x) saying [s, e), on counted IDs of one or two fields.
func TestNextSuccessor(t *testing.T) {
	m := newIDSet(0)
	rapid.Check(t, func(t *rapid.T) {
		w := rapid.IntRange(1, 9).Draw(t, "width")
		c := rapid.IntRange(0, 999_999_999).Draw(t, "count") % int(pow10[w])
		d := rapid.IntRange(0, 9_998).Draw(t, "other")
		step := rapid.SampledFrom([]int{1, 1, 1, 2, 10, -1, 0}).Draw(t, "step")
		other := rapid.SampledFrom([]int{0, 0, 0, 1}).Draw(t, "otherStep")
		nc := c + step
		if nc < 0 || nc >= int(pow10[w]) {
			return
		}
		p := fmt.Sprintf("O%0*d-%04d", w, c, d)
		x := fmt.Sprintf("O%0*d-%04d", w, nc, d+other)
		// The next in the first field, or in the second.
		want, ws, we := step == 1 && other == 0, 1, 1+w
		if step == 0 && other == 1 {
			want, ws, we = true, 2+w, 6+w
		}
		s, e, ok := successor(testKey(m, p), testKey(m, x))
		if ok != want || ok && (s != ws || e != we) {
			t.Fatalf("successor(%q, %q) = %d, %d, %v; want %d, %d, %v", p, x, s, e, ok, ws, we, want)
		}
		if got := next(testKey(m, p), testKey(m, x), 1, 1+w); got != (want && ws == 1) {
			t.Fatalf("next(%q, %q, 1, %d) = %v; want %v", p, x, 1+w, got, want && ws == 1)
		}
	})
}

// TestIDSetRunsMeet: a run that counts up to the first ID of a later run
// of the same template (counted before it) finds that ID seen before.
func TestIDSetRunsMeet(t *testing.T) {
	m := newIDSet(0)
	line := 1
	add := func(i int) (int, bool) { line++; return m.add(fmt.Sprintf("O%04d", i), line) }
	for i := 10; i <= 20; i++ { // lines 2 to 12
		add(i)
	}
	for i := 5; i <= 9; i++ {
		if _, dup := add(i); dup {
			t.Fatalf("O%04d: seen before", i)
		}
	}
	if first, dup := add(10); !dup || first != 2 {
		t.Errorf("O0010 again: %d, %v; want 2, true", first, dup)
	}
}

// testKey returns the key of id in m as the set holds it inside.
func testKey(m *idSet, id string) idKey {
	k := m.key(id)
	return idKey{k[0], k[1]}
}

// TestIDSetRunsOtherField: an ID that follows the last in one field, and
// came before in a run of another field, is found seen before.
func TestIDSetRunsOtherField(t *testing.T) {
	m := newIDSet(0)
	for line, id := range []string{"O1-1", "O1-2", "O0-2"} { // a run of the second field, then a single
		if _, dup := m.add(id, line+2); dup {
			t.Fatalf("%s: seen before", id)
		}
	}
	if first, dup := m.add("O1-2", 5); !dup || first != 3 { // the next of O0-2 in the first field
		t.Errorf("O1-2 again: %d, %v; want 3, true", first, dup)
	}
}

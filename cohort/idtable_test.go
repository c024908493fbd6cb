package cohort

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestIDTable(t *testing.T) {
	// 5,000 keys grow the table from 1,024 slots three times; every key
	// keeps its value and unknown keys are not found.
	var x idTable
	const n = 5000
	for i := 0; i < n; i++ {
		k := "cust-" + strconv.Itoa(i)
		h := x.hash(k)
		x.touch(h)
		s, ok := x.find(k, h)
		if ok {
			t.Fatalf("%s found before insertion", k)
		}
		x.insert(s, k, h, int32(i))
	}
	if len(x.slots) != 8192 || x.used != n {
		t.Fatalf("%d slots, %d used; want 8192 and %d", len(x.slots), x.used, n)
	}
	for i := 0; i < n; i++ {
		k := "cust-" + strconv.Itoa(i)
		s, ok := x.find(k, x.hash(k))
		if !ok || s.ci1 != int32(i)+1 {
			t.Fatalf("%s: found %v, %+v", k, ok, *s)
		}
	}
	for _, k := range []string{"", "cust-", "cust-5000", "x"} {
		if _, ok := x.find(k, x.hash(k)); ok {
			t.Errorf("%q found but never inserted", k)
		}
	}
}

func TestManyCustomers(t *testing.T) {
	// A ledger of 3,000 customers (past the index's first growth) holds
	// each of them once, with the right first order, whatever the order of
	// Add, and Merge of two halves agrees.
	orders := benchOrders(30000)
	fwd, rev := &Ledger{}, &Ledger{}
	if err := fwd.AddAll(orders); err != nil {
		t.Fatal(err)
	}
	for i := len(orders) - 1; i >= 0; i-- {
		if err := rev.Add(orders[i]); err != nil {
			t.Fatal(err)
		}
	}
	var a, b, merged Ledger
	if err := a.AddAll(orders[:len(orders)/2]); err != nil {
		t.Fatal(err)
	}
	if err := b.AddAll(orders[len(orders)/2:]); err != nil {
		t.Fatal(err)
	}
	for _, l := range []*Ledger{&b, &a} {
		if err := merged.Merge(l); err != nil {
			t.Fatal(err)
		}
	}
	want := fwd.RFM(RFMConfig{})
	if len(want.Customers) != 3000 {
		t.Fatalf("%d customers, want 3000", len(want.Customers))
	}
	for name, l := range map[string]*Ledger{"reversed": rev, "merged": &merged} {
		if diff := cmp.Diff(fwd.mustRetention(RetentionConfig{}), l.mustRetention(RetentionConfig{}), opts); diff != "" {
			t.Errorf("%s: retention differs (-want +got):\n%s", name, diff)
		}
		got := l.RFM(RFMConfig{})
		if len(got.Customers) != len(want.Customers) {
			t.Fatalf("%s: %d customers, want %d", name, len(got.Customers), len(want.Customers))
		}
		for i := range got.Customers {
			if g, w := got.Customers[i], want.Customers[i]; g.ID != w.ID || g.Frequency != w.Frequency || !g.Monetary.Equal(w.Monetary) || g.Recency != w.Recency {
				t.Fatalf("%s: customer %s = %+v, want %+v", name, w.ID, g, w)
			}
		}
	}
}

func TestIDTableKeyLengths(t *testing.T) {
	// Keys of 0 to 20 bytes, short ones held in the slot and long ones
	// in the key bytes, including keys that differ only in a trailing
	// zero byte or in their last byte: each is found and only itself.
	var x idTable
	var keys []string
	for n := 0; n <= 20; n++ {
		k := make([]byte, n)
		for i := range k {
			k[i] = byte('a' + i)
		}
		keys = append(keys, string(k))
		if n > 0 {
			k[n-1] = 0
			keys = append(keys, string(k))
			k[n-1] = 0xff
			keys = append(keys, string(k))
		}
	}
	for i, k := range keys {
		s, ok := x.find(k, x.hash(k))
		if ok {
			t.Fatalf("%q found before insertion", k)
		}
		x.insert(s, k, x.hash(k), int32(i))
	}
	for i, k := range keys {
		if s, ok := x.find(k, x.hash(k)); !ok || s.ci1 != int32(i)+1 {
			t.Errorf("%q: found %v at customer %d, want %d", k, ok, s.ci1-1, i)
		}
	}
}

func TestIDTableSameHash(t *testing.T) {
	// Keys that all have one hash are told apart by their bytes alone:
	// short keys by the word in their slot (a trailing zero byte, a last
	// byte that differs), long ones by the key bytes.
	var x idTable
	x.hash("") // initialise the table
	keys := []string{"", "ab", "a\x00", "ab\x00", "abcdefgh", "abcdefg\x00", "abcdefgi", "abcdefghi", "abcdefghj"}
	const h = 42
	for i, k := range keys {
		s, ok := x.find(k, h)
		if ok {
			t.Fatalf("%q found before insertion", k)
		}
		x.insert(s, k, h, int32(i))
	}
	for i, k := range keys {
		if s, ok := x.find(k, h); !ok || s.ci1 != int32(i)+1 {
			t.Errorf("%q: found %v at customer %d, want %d", k, ok, s.ci1-1, i)
		}
	}
}

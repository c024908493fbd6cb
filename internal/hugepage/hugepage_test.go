package hugepage

import (
	"testing"
	"unsafe"
)

func TestInside(t *testing.T) {
	tests := []struct {
		name         string
		p, n         uintptr
		from, length uintptr
	}{
		{"aligned, two pages", 4 * size, 2 * size, 4 * size, 2 * size},
		{"unaligned start loses its partial page", 4*size + 1, 3 * size, 5 * size, 2 * size},
		{"unaligned end loses its partial page", 4 * size, 2*size + size/2, 4 * size, 2 * size},
		{"no whole page", 4*size + 1, size, 5 * size, 0},
		{"empty", 4 * size, 0, 4 * size, 0},
	}
	for _, tt := range tests {
		from, length := inside(tt.p, tt.n)
		if length != tt.length || length > 0 && from != tt.from {
			t.Errorf("%s: inside(%#x, %#x) = %#x, %#x; want %#x, %#x", tt.name, tt.p, tt.n, from, length, tt.from, tt.length)
		}
		if length > 0 && (from < tt.p || from+length > tt.p+tt.n || from%size != 0 || length%size != 0) {
			t.Errorf("%s: [%#x, +%#x) is not whole huge pages inside [%#x, +%#x)", tt.name, from, length, tt.p, tt.n)
		}
	}
}

// TestMake checks that Make's slices, advised or not, are ordinary zeroed
// slices of their length that hold what is written to them.
func TestMake(t *testing.T) {
	for _, n := range []int{0, 1, 1000, Min / 8, Min/8 + 12345} {
		s := Make[uint64](n)
		if len(s) != n || cap(s) < n {
			t.Fatalf("Make(%d): len %d, cap %d", n, len(s), cap(s))
		}
		for i, v := range s {
			if v != 0 {
				t.Fatalf("Make(%d)[%d] = %d, want 0", n, i, v)
			}
			s[i] = uint64(i) * 7
		}
		for i, v := range s {
			if v != uint64(i)*7 {
				t.Fatalf("Make(%d)[%d] = %d after writing %d", n, i, v, i*7)
			}
		}
	}
	type slot struct {
		a, b uint64
		c    uint32
		d    int32
	}
	s := Make[slot](Min / int(unsafe.Sizeof(slot{})))
	want := slot{a: 1, b: 2, c: 3, d: -4}
	s[len(s)-1] = want
	if s[len(s)-1] != want || s[0] != (slot{}) {
		t.Fatalf("a slice of structs holds %+v and %+v, want %+v and the zero slot", s[len(s)-1], s[0], want)
	}
}

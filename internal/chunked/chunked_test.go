package chunked

import (
	"runtime"
	"testing"
	"weak"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/internal/hugepage"
)

// TestSlice pushes two and a half blocks, checks each element in place and
// in Blocks, and that Reset empties the slice and keeps one block.
func TestSlice(t *testing.T) {
	var s Slice[int]
	n := 2*BlockLen + BlockLen/2
	for i := range n {
		s.Push(i)
	}
	if s.Len() != n || s.Cap() != 3*BlockLen {
		t.Fatalf("Len, Cap = %d, %d, want %d, %d", s.Len(), s.Cap(), n, 3*BlockLen)
	}
	for i := range n {
		if got := *s.At(i); got != i {
			t.Fatalf("At(%d) = %d", i, got)
		}
	}
	*s.At(BlockLen) = -1 // At points into the block
	var got []int
	for _, b := range s.Blocks() {
		got = append(got, b...)
	}
	want := make([]int, n)
	for i := range want {
		want[i] = i
	}
	want[BlockLen] = -1
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Blocks (-want +got):\n%s", diff)
	}
	s.Reset()
	if s.Len() != 0 || s.Cap() != BlockLen {
		t.Fatalf("after Reset: Len, Cap = %d, %d, want 0, %d", s.Len(), s.Cap(), BlockLen)
	}
	s.Push(7)
	if got := *s.At(0); got != 7 {
		t.Errorf("At(0) after Reset and Push = %d, want 7", got)
	}
}

// TestResetReleases checks that Reset lets the garbage collector free the
// blocks it drops: a ledger that queries after a million Adds must not
// keep the million entries of its log alive until it grows again.
func TestResetReleases(t *testing.T) {
	var s Slice[[64]byte]
	for range 3 * BlockLen {
		s.Push([64]byte{})
	}
	second := weak.Make(&s.Blocks()[1][0])
	third := weak.Make(&s.Blocks()[2][0])
	s.Reset()
	runtime.GC()
	if second.Value() != nil || third.Value() != nil {
		t.Errorf("blocks dropped by Reset are still reachable")
	}
	// The kept first block still works, and the slice grows again.
	for i := range BlockLen + 1 {
		s.Push([64]byte{byte(i % 251)})
	}
	if want := byte(BlockLen % 251); s.Len() != BlockLen+1 || s.At(BlockLen)[0] != want {
		t.Errorf("after Reset and %d Pushes: Len %d, last %d, want %d", BlockLen+1, s.Len(), s.At(BlockLen)[0], want)
	}
}

// TestSlabs pushes past the blocks made alone into two slabs, and checks
// that every block has its own BlockLen elements: a block cut from a slab
// that could grow into the next one would overwrite it.
func TestSlabs(t *testing.T) {
	var s Slice[int32]
	slab := slabLen[int32]()
	n := (slabFrom+slab+3)*BlockLen + 7
	for i := range n {
		s.Push(int32(i))
	}
	if s.Cap() != (slabFrom+slab+4)*BlockLen {
		t.Fatalf("Cap = %d, want %d", s.Cap(), (slabFrom+slab+4)*BlockLen)
	}
	for k, b := range s.Blocks() {
		if cap(b) != BlockLen {
			t.Fatalf("block %d has cap %d, want %d", k, cap(b), BlockLen)
		}
	}
	for i := range n {
		if got := *s.At(i); got != int32(i) {
			t.Fatalf("At(%d) = %d", i, got)
		}
	}
	s.Reset()
	for i := range BlockLen * (slabFrom + 2) {
		s.Push(int32(-i))
	}
	for i := range BlockLen * (slabFrom + 2) {
		if got := *s.At(i); got != int32(-i) {
			t.Fatalf("after Reset, At(%d) = %d", i, got)
		}
	}
}

// TestSlabAdvised checks that a slab is at least hugepage.Min bytes, so
// that hugepage.Make advises huge pages for it, whatever the size of the
// element: slabs of slabBlocks blocks of an element below 32 bytes were
// smaller, and their memory came in 4 KiB pages.
func TestSlabAdvised(t *testing.T) {
	tests := []struct {
		name        string
		blocks, elt int
	}{
		{"int32", slabLen[int32](), 4},
		{"[3]int32", slabLen[[3]int32](), 12}, // the size of the review's per-user plans
		{"int64", slabLen[int64](), 8},
		{"[48]byte", slabLen[[48]byte](), 48},
		{"[4096]byte", slabLen[[4096]byte](), 4096},
		{"struct{}", slabLen[struct{}](), 0},
	}
	for _, tt := range tests {
		if tt.blocks < slabBlocks {
			t.Errorf("%s: a slab of %d blocks, fewer than %d", tt.name, tt.blocks, slabBlocks)
		}
		if bytes := tt.blocks * BlockLen * tt.elt; tt.elt > 0 && bytes < hugepage.Min {
			t.Errorf("%s: a slab of %d bytes, below hugepage.Min (%d): not advised", tt.name, bytes, hugepage.Min)
		}
		if tt.elt > 0 && tt.blocks > slabBlocks && (tt.blocks-1)*BlockLen*tt.elt >= hugepage.Min {
			t.Errorf("%s: a slab of %d blocks, more than the advice needs", tt.name, tt.blocks)
		}
	}
}

package chunked

import (
	"testing"

	"github.com/google/go-cmp/cmp"
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

package prefetch

import (
	"testing"
	"unsafe"
)

// Lines reads the addresses it is given and changes nothing: on amd64
// (without purego) it returns 0, elsewhere the sum of the bytes loaded.
func TestLines(t *testing.T) {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i)
	}
	if got := Lines(nil); got != 0 {
		t.Errorf("Lines(nil) = %d, want 0", got)
	}
	addrs := []unsafe.Pointer{unsafe.Pointer(&b[1]), unsafe.Pointer(&b[100]), unsafe.Pointer(&b[255])}
	if got := Lines(addrs); got != 0 && got != 1+100+255 {
		t.Errorf("Lines = %d, want 0 (prefetches) or %d (loads)", got, 1+100+255)
	}
	for i := range b {
		if b[i] != byte(i) {
			t.Fatalf("byte %d changed to %d", i, b[i])
		}
	}
}

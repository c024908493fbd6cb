package metrics

import (
	"fmt"
	"testing"
	"unsafe"
)

// TestDictSlabs adds strings past two slabs of blocks and a slab of
// positions, and checks that the blocks past dictSlabBlocks and the pages
// past dictSlabPages are cut from slabs of dictSlab bytes, back to back
// (each made alone, their memory came in 4 KiB pages: see dictSlab),
// that the first ones are made alone, and that every string reads back,
// also at the slabs' edges.
func TestDictSlabs(t *testing.T) {
	var d Dict
	var strs []string
	for i := 0; len(d.held) <= dictSlabBlocks+2*dictSlabBlocks+2 || len(d.pages) <= dictSlabPages+1; i++ {
		s := fmt.Sprintf("v%010d", i) // 11 bytes, 14 with the header
		if n := d.Index(s); n != int32(i) {
			t.Fatalf("Index(%q) = %d, want %d", s, n, i)
		}
		strs = append(strs, s)
	}
	slabs := 0
	for k := 2; k < len(d.held); k++ {
		b, prev := &d.held[k], &d.held[k-1]
		// Addresses as numbers: a pointer past a block made alone is
		// no pointer checkptr (the race detector's) lets a test make.
		next := uintptr(unsafe.Pointer(prev.data))+dictBlock == uintptr(unsafe.Pointer(b.data))
		switch {
		case k <= dictSlabBlocks:
			// Made alone.
		case (k-dictSlabBlocks-1)%dictSlabBlocks == 0:
			slabs++ // the first block of a slab
		case !next || b.size != dictBlock:
			t.Fatalf("block %d (size %d) does not follow block %d in its slab", k, b.size, k-1)
		}
	}
	if slabs < 2 {
		t.Errorf("%d slabs of blocks, want 2 or more", slabs)
	}
	if want := (dictSlab - (len(d.held)-1-dictSlabBlocks)%dictSlabBlocks*dictBlock) % dictSlab; len(d.slab) != want {
		t.Errorf("%d bytes left in the slab, want %d", len(d.slab), want)
	}
	for k := dictSlabPages + 1; k < len(d.pages); k++ {
		p, prev := d.pages[k].pos, d.pages[k-1].pos
		if cap(p) != dictPage || uintptr(unsafe.Pointer(unsafe.SliceData(p))) != uintptr(unsafe.Pointer(unsafe.SliceData(prev)))+dictPage*4 {
			t.Fatalf("page %d of positions does not follow page %d in its slab", k, k-1)
		}
	}
	if len(d.posSlab) == 0 {
		t.Errorf("no slab of positions")
	}
	for i, s := range strs {
		if got := d.String(int32(i)); got != s {
			t.Fatalf("String(%d) = %q, want %q", i, got, s)
		}
		if n, ok := d.Lookup(s); !ok || n != int32(i) {
			t.Fatalf("Lookup(%q) = %d, %v, want %d", s, n, ok, i)
		}
	}
}

// TestDictSlabsSmall checks that a Dict short of a slab's worth of
// blocks and of pages takes no slab: a slab is zeroed when made, and
// mostly empty slabs cost a reading of a few hundred thousand customers
// more than their faults spared.
func TestDictSlabsSmall(t *testing.T) {
	var d Dict
	for i := 0; len(d.held) <= dictSlabBlocks; i++ {
		d.Index(fmt.Sprintf("customer-%025d", i))
	}
	if d.slab != nil || d.posSlab != nil {
		t.Errorf("a Dict of %d blocks and %d pages holds a slab of %d bytes, of %d positions", len(d.held)-1, len(d.pages), len(d.slab), len(d.posSlab))
	}
}

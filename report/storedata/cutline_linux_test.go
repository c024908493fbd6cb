package storedata

import (
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
)

// TestCutLinePageEnd places b so that it ends exactly where a readable
// page ends and a PROT_NONE page begins: a read past len(b) faults. For
// every length 0 to 100 and a few kinds of content, every
// implementation must give what the reference gives.
func TestCutLinePageEnd(t *testing.T) {
	page := syscall.Getpagesize()
	mem, err := syscall.Mmap(-1, 0, 2*page, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatalf("mmap: %v", err)
	}
	defer func() {
		if err := syscall.Munmap(mem); err != nil {
			t.Errorf("munmap: %v", err)
		}
	}()
	if err := syscall.Mprotect(mem[page:], syscall.PROT_NONE); err != nil {
		t.Fatalf("mprotect: %v", err)
	}
	readable := mem[:page:page]
	// A fault is a panic (not a crash) in this goroutine: check that the
	// second page does fault.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	if !faults(mem[page:]) {
		t.Fatal("reading the PROT_NONE page did not fault")
	}
	contents := map[string]func(n int) string{
		"no newline": func(n int) string { return strings.Repeat("ab,c", 26)[:n] },
		"newline last": func(n int) string {
			return (strings.Repeat("ab,c", 25) + "\n")[101-n:]
		},
		"CRLF last": func(n int) string { return (strings.Repeat("ab,c", 25) + "\r\n")[102-n:] },
		"CR last":   func(n int) string { return (strings.Repeat("ab,c", 25) + "\r")[101-n:] },
		"demo":      func(n int) string { return (demoLine + "\n")[len(demoLine)+1-n:] },
		"high last": func(n int) string { return (strings.Repeat(",", 100) + "\xff")[101-n:] },
	}
	for name, content := range contents {
		for n := range 101 {
			b := readable[page-n:]
			copy(b, content(n))
			k := commasIn(b)
			for _, ends := range []int{k + 1, k, k + 2} {
				if ends >= 1 {
					checkCut(t, b, ends)
				}
			}
		}
		if t.Failed() {
			t.Fatalf("content %s", name)
		}
	}
}

// faults reports whether reading b[0] faults (with SetPanicOnFault on).
func faults(b []byte) (faulted bool) {
	defer func() { faulted = recover() != nil }()
	load(b)
	return false
}

// load reads b[0]; it is not inlined, so the read is not optimised away.
//
//go:noinline
func load(b []byte) byte { return b[0] }

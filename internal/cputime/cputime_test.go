package cputime

import (
	"runtime"
	"testing"
)

func TestUsedGrows(t *testing.T) {
	a := Used()
	x := 0
	for i := range 50_000_000 {
		x += i
	}
	runtime.KeepAlive(x)
	b := Used()
	if a == 0 {
		t.Skip("no CPU time on this platform")
	}
	if b <= a {
		t.Errorf("CPU time did not grow over a busy loop: %v then %v", a, b)
	}
}

package service

import (
	"testing"
	"time"
)

// On 2024-09-08 America/Santiago skips from 00:00 to 01:00. Elapsed used to
// visit Saturday twice (time.Date gave 23:00 of Saturday for Sunday's
// midnight) and close Saturday at 23:00.
func TestBusinessHoursSkippedMidnight(t *testing.T) {
	scl := mustLoad(t, "America/Santiago")
	allDay, err := NewBusinessHours(scl, 0, 24*time.Hour, time.Saturday, time.Sunday, time.Monday)
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2024, 9, 7, 12, 0, 0, 0, scl) // Saturday noon
	// Hand count: Saturday 12:00 to midnight 12 h, Sunday 23 h (01:00 to
	// midnight), Monday 24 h; Tuesday is closed.
	if got, want := allDay.Elapsed(from, from.Add(72*time.Hour)), 59*time.Hour; got != want {
		t.Errorf("Elapsed = %v, want %v", got, want)
	}
	// Open from 00:30 on Sunday: the wall clock 00:30 does not exist, so
	// the day opens at its first instant, 01:00.
	early, _ := NewBusinessHours(scl, 30*time.Minute, 2*time.Hour, time.Sunday)
	if got, want := early.Elapsed(from, from.Add(48*time.Hour)), time.Hour; got != want {
		t.Errorf("Elapsed from 00:30 = %v, want %v", got, want)
	}
}

// Hours with a location but no open weekday used to measure every wait as
// zero, so that every ticket met the SLA.
func TestBusinessHoursNoOpenDay(t *testing.T) {
	sh := mustLoad(t, "Asia/Shanghai")
	from := time.Date(2025, 11, 3, 10, 0, 0, 0, sh)
	if got := (BusinessHours{Location: sh}).Elapsed(from, from.Add(3*time.Hour)); got != 3*time.Hour {
		t.Errorf("Elapsed = %v, want 3h", got)
	}
}

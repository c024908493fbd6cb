package cli

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
)

// The memory the command needs for -data, estimated from the size of the
// files before any is read. The review streams the large files (orders,
// events in time order, inventory snapshots): what it holds grows with
// the store's customers, users and SKUs, not with its rows. On the demo generator's
// stores, whose users grow with their events, the peak RSS was 2.2 times
// the files for the demo export (60 MB of CSV, 132 MB, mostly the
// runtime) and 1.08 times for a store of 1.1M orders and 40M events
// (3.55 GB of CSV, 3.85 GB). The estimate, memBase + 1.25 × the files,
// is above both; a store with many events per user needs less.
const (
	memBase   = 96 << 20
	vmReserve = 768 << 20 // address space the Go runtime reserves beyond its use (measured: the demo export runs under ulimit -v 900000 KB, not 850000)
)

// memPerUnsortedEventByte is the memory more per byte of an events.csv
// that is not in time order, whose events the review loads and sorts:
// measured on the demo export with its events sorted by user (49.7 MB of
// events, 330 MiB peak RSS against 124 MiB in time order), 3.4, rounded
// up.
const memPerUnsortedEventByte = 4

// memoryNeeded returns the estimated peak memory for input bytes of CSV.
func memoryNeeded(input int64) int64 {
	if input > (math.MaxInt64-memBase)/5*4 {
		return math.MaxInt64
	}
	return memBase + input + input/4
}

// inputSize returns the total size of the regular files directly in dir.
func inputSize(dir string) (int64, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	var n int64
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			return 0, err
		}
		n += fi.Size()
	}
	return n, nil
}

// memoryLimit returns the smallest memory limit in force and what sets it:
// the Go memory limit (GOMEMLIMIT, when set), the address-space limit
// (ulimit -v) and the cgroup's memory.max. ok is false when none is set.
func memoryLimit() (limit int64, by string, ok bool) {
	limit = math.MaxInt64
	see := func(v int64, name string) {
		if v > 0 && v < limit {
			limit, by, ok = v, name, true
		}
	}
	if v := debug.SetMemoryLimit(-1); v != math.MaxInt64 {
		see(v, "GOMEMLIMIT")
	}
	// The runtime reserves address space beyond what it uses: leave it
	// room under an address-space limit.
	if v := addressSpaceLimit(); v > 0 {
		see(max(v-vmReserve, 1), "ulimit -v")
	}
	if b, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if v, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil {
			see(v, "the cgroup's memory.max")
		}
	}
	return limit, by, ok
}

// checkMemory fails, before anything is read, when the files of dir need
// more memory than limit allows: the job would otherwise die with the
// runtime's "out of memory" and a goroutine dump.
func checkMemory(dir string, limit int64, by string) error {
	size, err := inputSize(dir)
	if err != nil {
		return err
	}
	need := memoryNeeded(size)
	if need <= limit {
		return nil
	}
	return fmt.Errorf("%s: the files (%s) need about %s of memory, more than the limit of %s set by %s: raise the limit, or review a directory with less data",
		filepath.Clean(dir), bytesText(size), bytesText(need), bytesText(limit), by)
}

// bytesText writes n bytes in binary units: "3.0 GiB".
func bytesText(n int64) string {
	const unit = 1024
	if n < unit {
		return strconv.FormatInt(n, 10) + " B"
	}
	v, i := float64(n), -1
	for v >= unit && i < 5 {
		v /= unit
		i++
	}
	return strconv.FormatFloat(v, 'f', 1, 64) + " " + string("KMGTPE"[i]) + "iB"
}

// checkUnsortedMemory fails when the files of dir, whose events.csv is
// not in time order (found by Dir's first reading), need more memory than
// limit allows once the review loads and sorts the events: the estimate
// before reading took them as streamed.
func checkUnsortedMemory(dir string, limit int64, by string) error {
	size, err := inputSize(dir)
	if err != nil {
		return err
	}
	fi, err := os.Stat(filepath.Join(dir, "events.csv"))
	if err != nil {
		return err
	}
	need, events := memoryNeeded(size), fi.Size()
	if events > (math.MaxInt64-need)/memPerUnsortedEventByte {
		need = math.MaxInt64
	} else {
		need += memPerUnsortedEventByte * events
	}
	if need <= limit {
		return nil
	}
	return fmt.Errorf("%s: events.csv is not in time order, so the review loads and sorts its events (%s) in memory: the files need about %s of memory, more than the limit of %s set by %s: write events.csv in time order to stream it, raise the limit, or review a directory with less data",
		filepath.Clean(dir), bytesText(events), bytesText(need), bytesText(limit), by)
}

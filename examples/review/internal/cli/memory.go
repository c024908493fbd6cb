package cli

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
)

// The memory the command needs for -data, and what it does about the
// memory limits in force.
//
// Without a memory limit the Go runtime lets the heap grow to about twice
// what is live before it collects: the review of a store of 1.1M orders
// and 39.4M events (3.3 GiB of CSV) peaks at 1.9–2.2 GiB of RSS for a live
// heap of at most 941 MiB. Under a memory limit the runtime collects
// harder near the limit instead: the same review peaks at 1.27–1.35 GiB
// under GOMEMLIMIT=1300MiB, for 1–7 % more CPU. What a store needs under
// a limit is its live heap, not the unlimited peak. So:
//
//   - A soft limit (GOMEMLIMIT, or debug.SetMemoryLimit by the program)
//     never fails an allocation: the command runs under any, and warns
//     when the estimated live heap is above it (the collector would then
//     run nearly without pause).
//   - A hard limit (ulimit -v, less the runtime's address-space reserve;
//     the cgroup's memory.max) kills the process past it: the command sets
//     the Go memory limit heapMargin under it, unless a soft limit at most
//     that is in force, and refuses before reading a store whose estimated
//     live heap is above that limit.
//
// The estimate of the live heap, liveBase + liveNum/liveDen × the files,
// is calibrated on the largest live heap after a collection (GODEBUG=
// gctrace=1, the last of its three heap sizes) of the demo generator's
// stores, whose users grow with their events:
//
//	store                                   files    live heap  ratio  estimate
//	demo export, 7.2 events per user        60 MB    46 MiB     0.80   92 MiB
//	the demo, a user per session (3.3)      61 MB    42–43 MiB  0.74   93 MiB
//	the demo, a user per event              60 MB    78–95 MiB  1.6    92 MiB
//	first 5M events of the 40M store        455 MB   172 MiB    0.40   281 MiB
//	the same, a user per event              461 MB   311 MiB    0.71   284 MiB
//	1.1M orders, 39.4M events, 5.5M users   3.51 GB  941 MiB    0.28   1.7 GiB
//	the same, on a busy core                3.51 GB  1323 MiB   0.40   1.7 GiB
//
// (ratio: MiB of live heap per MiB of files; one run each, two for the
// demo's; on a busy core a collection's mark phase took 19 s, and what
// the review allocated meanwhile counted as live). The heap holds what
// the review keeps per customer, user and SKU, so a store of fewer events
// per user needs more per byte. The estimate is above the stores with
// several events per user, the usual case, by 1.3 to 2.2 times. A store
// of one event per user (only the landing-page views of anonymous
// visitors, say) can need a tenth more than it: under a hard limit just
// above the estimate it runs with its collector working harder (the 5M
// events, a user per event, under ulimit -v 2400 MiB and so a Go memory
// limit of 288 MiB: 68 collections and 21 s of CPU, against 14.5 s
// without a limit), or at worst runs out of memory. Covering it (3/4 of
// the files) would put the estimate of the 40M store, 2.5 GiB, above its
// peak RSS without any limit (1.9–2.2 GiB).
const (
	liveBase = 64 << 20
	liveNum  = 1
	liveDen  = 2
)

// vmReserve is the address space the process maps beyond its heap, taken
// off an address-space limit (ulimit -v) before the margin: the address
// space of the command's mappings at their largest, sampled every 50 ms
// from /proc/PID/maps, was 1889 MiB on the demo export (RSS 120 MiB) and
// 2017 MiB on the first 5M events of the 40M store (a heap of about
// 430 MiB), of which 1.06 GiB is the Go runtime's reservations (its page
// summaries: without ulimit -v 400000 KB it does not start), 447 MiB
// the C library's malloc arenas (7 × 64 MiB, the command being built
// with cgo) and 56 MiB the threads' stacks (8 MiB each). None of it
// counts under the Go memory limit. 2 GiB, rounded up: the arenas and
// stacks grow with the threads. (Before, 768 MiB: a store refused under
// a ulimit -v of 2.7 GiB died at 1.2 GiB of heap in use.)
const vmReserve = 2 << 30

// heapMargin returns how far under a hard limit of hard bytes the command
// sets the Go memory limit: a tenth, and at least 64 MiB. The Go memory
// limit counts the heap, the stacks and the runtime's own structures, but
// it is soft: the heap overshoots it by a few percent while a collection
// runs (the 40M store under GOMEMLIMIT=1300MiB peaked at 1.35 GiB of RSS,
// 82 MiB or 6 % above it), and the RSS also holds the binary and what the
// runtime has freed but not yet returned. Under ulimit -v the heap's
// address space also grows with its fragmentation.
func heapMargin(hard int64) int64 {
	return max(hard/10, 64<<20)
}

// memPerUnsortedEventByte is the live heap more per byte of an events.csv
// that is not in time order, whose events the review loads and sorts:
// measured on the demo export with its events in reverse order (49.7 MB
// of events, a live heap of 175–202 MiB against 46 MiB in time order),
// 3.3, rounded up.
const memPerUnsortedEventByte = 4

// liveNeeded returns the estimated largest live heap of the review of
// input bytes of CSV.
func liveNeeded(input int64) int64 {
	q := input / liveDen
	if q > (math.MaxInt64-liveBase)/liveNum {
		return math.MaxInt64
	}
	return liveBase + q*liveNum
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

// memLimits are the memory limits in force, in bytes; 0 is none.
type memLimits struct {
	Soft    int64  // the Go memory limit: GOMEMLIMIT, or debug.SetMemoryLimit
	Hard    int64  // the smallest hard limit
	HardBy  string // what sets Hard: "ulimit -v" or "the cgroup's memory.max"
	Reserve int64  // what of Hard the heap cannot use: vmReserve under ulimit -v
}

// heapLimit returns the Go memory limit the command sets under l's hard
// limit: heapMargin under what the reserve leaves, and at least 1.
func (l memLimits) heapLimit() int64 {
	room := l.Hard - l.Reserve
	return max(room-heapMargin(room), 1)
}

// memoryLimits returns the memory limits in force: the Go memory limit,
// the address-space limit (ulimit -v) and the cgroup's memory limit.
func memoryLimits() memLimits {
	var l memLimits
	if v := debug.SetMemoryLimit(-1); v != math.MaxInt64 {
		l.Soft = v
	}
	// The runtime reserves address space beyond what it uses: leave it
	// room under an address-space limit.
	if v := addressSpaceLimit(); v > 0 {
		l.Hard, l.HardBy, l.Reserve = v, "ulimit -v", vmReserve
	}
	if proc, err := os.ReadFile("/proc/self/cgroup"); err == nil {
		v := cgroupLimit("/sys/fs/cgroup", proc)
		if c := (memLimits{Hard: v}); v > 0 && (l.Hard == 0 || c.heapLimit() < l.heapLimit()) {
			l.Hard, l.HardBy, l.Reserve = v, "the cgroup's memory.max", 0
		}
	}
	return l
}

// cgroupLimit returns the smallest memory limit of the process's cgroup
// and its parents, or 0 when none is set: memory.max under cgroup v2,
// memory.limit_in_bytes under v1, read under root (/sys/fs/cgroup) at the
// paths of proc (/proc/self/cgroup). A process started by systemd-run -p
// MemoryMax=… is in a cgroup of its own, whose memory.max is not the one
// at root; in a container, root's own file is the container's.
func cgroupLimit(root string, proc []byte) int64 {
	var limit int64
	see := func(file string) {
		b, err := os.ReadFile(file)
		if err != nil {
			return
		}
		v, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		// "max" (v2) and a value near MaxInt64 (v1) are no limit.
		if err == nil && v > 0 && v < 1<<62 && (limit == 0 || v < limit) {
			limit = v
		}
	}
	for line := range bytes.Lines(proc) {
		// hierarchy-ID:controllers:path; v2's line is 0::path.
		f := strings.SplitN(strings.TrimSpace(string(line)), ":", 3)
		if len(f) != 3 {
			continue
		}
		dir, file := root, "memory.max"
		if f[1] != "" {
			if !strings.Contains(","+f[1]+",", ",memory,") {
				continue
			}
			dir, file = filepath.Join(root, "memory"), "memory.limit_in_bytes"
		}
		for p := filepath.Clean("/" + f[2]); ; p = filepath.Dir(p) {
			see(filepath.Join(dir, p, file))
			if p == "/" {
				break
			}
		}
	}
	return limit
}

// under says where heapLimit is: "a tenth under the limit of 2.0 GiB set
// by the cgroup's memory.max".
func (l memLimits) under() string {
	s := "a tenth"
	if room := l.Hard - l.Reserve; heapMargin(room) > room/10 {
		s = bytesText(heapMargin(room))
	}
	if l.Reserve > 0 {
		s += " and the runtime's " + bytesText(l.Reserve) + " of address space"
	}
	return s + " under the limit of " + bytesText(l.Hard) + " set by " + l.HardBy
}

// memDecision is what the command does about memory for a store.
type memDecision struct {
	SetLimit int64 // the Go memory limit the command sets; 0 leaves it as it is
	Refuse   bool  // the live heap would not fit under the hard limit
	Warn     bool  // the live heap is above the soft limit: the review runs, collecting nearly without pause
	Note     string
}

// decideMemory returns what the command does for a store of files bytes
// whose live heap is estimated at need, under the limits l. Note is the
// line for stderr: the Go memory limit set, or the warning; "" for none.
// A refusal's message is the caller's. A Go memory limit set where the
// heap would stay under it anyway (twice the estimate fits) is set without
// a note.
func decideMemory(files, need int64, l memLimits) memDecision {
	var d memDecision
	soft := l.Soft
	if l.Hard > 0 {
		limit := l.heapLimit()
		if need > limit {
			return memDecision{Refuse: true}
		}
		switch {
		case soft == 0:
			d.SetLimit = limit
			if need <= limit/2 {
				// The heap, at most about twice what is live, stays under
				// the limit: nothing for the user to know (a container's
				// memory.max would otherwise add a line to every run).
				break
			}
			d.Note = fmt.Sprintf("memory: the Go memory limit is set to %s, %s, so that the heap does not grow to twice what is live and past it",
				bytesText(limit), l.under())
		case soft > limit:
			d.SetLimit = limit
			d.Note = fmt.Sprintf("memory: the Go memory limit is lowered from %s (GOMEMLIMIT) to %s, %s, so that the heap does not grow past it",
				bytesText(soft), bytesText(limit), l.under())
		}
		if d.SetLimit > 0 {
			soft = d.SetLimit
		}
	}
	if soft > 0 && need > soft {
		d.Warn = true
		d.Note = fmt.Sprintf("memory: the files (%s) need about %s of live heap, more than the Go memory limit of %s: the review runs, but its garbage collector may run nearly without pause",
			bytesText(files), bytesText(need), bytesText(soft))
	}
	return d
}

// planMemory decides, before anything is read, what the command does about
// memory for the files of dir under the limits l, and sets the Go memory
// limit if it decides so. It fails when their live heap would not fit
// under a hard limit: the job would otherwise die with the runtime's "out
// of memory" and a goroutine dump. It returns the line to write on stderr,
// or "".
func planMemory(dir string, l memLimits) (note string, err error) {
	size, err := inputSize(dir)
	if err != nil {
		return "", err
	}
	need := liveNeeded(size)
	d := decideMemory(size, need, l)
	if d.Refuse {
		return "", fmt.Errorf("%s: the files (%s) need about %s of memory, more than the limit of %s set by %s leaves the heap (%s): raise the limit, or review a directory with less data",
			filepath.Clean(dir), bytesText(size), bytesText(need), bytesText(l.Hard), l.HardBy, bytesText(l.heapLimit()))
	}
	if d.SetLimit > 0 {
		debug.SetMemoryLimit(d.SetLimit)
	}
	return d.Note, nil
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

// checkUnsortedMemory is planMemory's check again once Dir's first reading
// has found the events of dir's events.csv out of time order: the review
// loads and sorts them, and they count memPerUnsortedEventByte times more.
// The limits l are those planMemory saw, before it set the Go memory
// limit. It returns the warning to write on stderr, or "".
func checkUnsortedMemory(dir string, l memLimits) (note string, err error) {
	size, err := inputSize(dir)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(filepath.Join(dir, "events.csv"))
	if err != nil {
		return "", err
	}
	need, events := liveNeeded(size), fi.Size()
	if events > (math.MaxInt64-need)/memPerUnsortedEventByte {
		need = math.MaxInt64
	} else {
		need += memPerUnsortedEventByte * events
	}
	d := decideMemory(size, need, l)
	if d.Refuse {
		return "", fmt.Errorf("%s: events.csv is not in time order, so the review loads and sorts its events (%s) in memory: the files need about %s of memory, more than the limit of %s set by %s leaves the heap (%s): write events.csv in time order to stream it, raise the limit, or review a directory with less data",
			filepath.Clean(dir), bytesText(events), bytesText(need), bytesText(l.Hard), l.HardBy, bytesText(l.heapLimit()))
	}
	if d.Warn {
		return d.Note, nil
	}
	return "", nil
}

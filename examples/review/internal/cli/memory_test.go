package cli

import (
	"bytes"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	mib = int64(1) << 20
	gib = int64(1) << 30
	// bigStore is the size of the files of 1.1M orders and 39.4M events
	// (the README's store of the memory paragraph, /tmp/big310).
	bigStore = 3511495206
	// demoStore is about the size of the demo export's files.
	demoStore = 60 << 20
)

// TestDecideMemory: what the command does about memory for a store, over
// its size and the limits in force. A soft limit never refuses; a hard
// one sets the Go memory limit a margin under it and refuses a live heap
// above that.
func TestDecideMemory(t *testing.T) {
	cgroup := func(hard int64) memLimits { return memLimits{Hard: hard, HardBy: "the cgroup's memory.max"} }
	ulimit := func(hard int64) memLimits { return memLimits{Hard: hard, HardBy: "ulimit -v", Reserve: vmReserve} }
	soft := func(l memLimits, v int64) memLimits { l.Soft = v; return l }
	tests := []struct {
		name   string
		files  int64
		need   int64 // 0: liveNeeded(files)
		limits memLimits
		want   memDecision
		reason string
	}{{
		name: "no limit", files: bigStore,
		reason: "without a limit the runtime is left as it is",
	}, {
		name: "GOMEMLIMIT above the live heap", files: bigStore, limits: memLimits{Soft: 2 * gib},
		reason: "a soft limit above the estimate: nothing to say",
	}, {
		name: "GOMEMLIMIT=1300MiB, the 40M store", files: bigStore, limits: memLimits{Soft: 1300 * mib},
		want:   memDecision{Warn: true, Note: "memory: the files (3.3 GiB) need about 1.7 GiB of live heap, more than the Go memory limit of 1.3 GiB: the review runs, but its garbage collector may run nearly without pause"},
		reason: "a soft limit below the estimate warns and runs (the job refused it, though the review peaks at 1.35 GiB under it)",
	}, {
		name: "GOMEMLIMIT=1MiB", files: 100 * gib, limits: memLimits{Soft: mib},
		want:   memDecision{Warn: true, Note: "memory: the files (100.0 GiB) need about 50.1 GiB of live heap, more than the Go memory limit of 1.0 MiB: the review runs, but its garbage collector may run nearly without pause"},
		reason: "however far below, a soft limit never refuses",
	}, {
		name: "memory.max 4 GiB", files: bigStore, limits: cgroup(4 * gib),
		want:   memDecision{SetLimit: 4*gib - 4*gib/10},
		reason: "a hard limit sets the Go memory limit a tenth under it; twice the estimate (3.4 GiB) fits under it, so without a note",
	}, {
		name: "memory.max 2 GiB", files: bigStore, limits: cgroup(2 * gib),
		want:   memDecision{SetLimit: 2*gib - 2*gib/10, Note: "memory: the Go memory limit is set to 1.8 GiB, a tenth under the limit of 2.0 GiB set by the cgroup's memory.max, so that the heap does not grow to twice what is live and past it"},
		reason: "the 40M store runs under a hard limit of 2 GiB: below its peak without a limit (2.2 GiB), above its estimated live heap (1.7 GiB) with the margin",
	}, {
		name: "memory.max 1920 MiB", files: bigStore, limits: cgroup(1920 * mib),
		want:   memDecision{Refuse: true},
		reason: "a tenth under 1920 MiB, 1728 MiB, is below the estimate, 1738 MiB",
	}, {
		name: "memory.max 512 MiB, the demo", files: demoStore, limits: cgroup(512 * mib),
		want:   memDecision{SetLimit: 448 * mib},
		reason: "the margin is at least 64 MiB; twice the demo's estimate fits, so without a note",
	}, {
		name: "memory.max 160 MiB, the demo", files: demoStore, limits: cgroup(160 * mib),
		want:   memDecision{SetLimit: 96 * mib, Note: "memory: the Go memory limit is set to 96.0 MiB, 64.0 MiB under the limit of 160.0 MiB set by the cgroup's memory.max, so that the heap does not grow to twice what is live and past it"},
		reason: "twice the demo's estimate does not fit under the limit set: the note says why the collector works harder",
	}, {
		name: "ulimit -v 4 GiB", files: bigStore, limits: ulimit(4 * gib),
		want:   memDecision{SetLimit: 2*gib - 2*gib/10, Note: "memory: the Go memory limit is set to 1.8 GiB, a tenth and the runtime's 2.0 GiB of address space under the limit of 4.0 GiB set by ulimit -v, so that the heap does not grow to twice what is live and past it"},
		reason: "under ulimit -v the address space the process maps beyond its heap comes off first",
	}, {
		name: "ulimit -v 3.8 GiB", files: bigStore, limits: ulimit(3891 * mib),
		want:   memDecision{Refuse: true},
		reason: "1.8 GiB left by the reserve, less a tenth, 1.6 GiB, is below the estimate",
	}, {
		name: "ulimit -v below the reserve", files: demoStore, limits: ulimit(gib),
		want:   memDecision{Refuse: true},
		reason: "no room at all: refused, not a negative limit",
	}, {
		name: "need = the limit", files: demoStore, need: 4*gib - 4*gib/10, limits: cgroup(4 * gib),
		want:   memDecision{SetLimit: 4*gib - 4*gib/10, Note: "memory: the Go memory limit is set to 3.6 GiB, a tenth under the limit of 4.0 GiB set by the cgroup's memory.max, so that the heap does not grow to twice what is live and past it"},
		reason: "a live heap that fits exactly runs",
	}, {
		name: "need = the limit + 1", files: demoStore, need: 4*gib - 4*gib/10 + 1, limits: cgroup(4 * gib),
		want:   memDecision{Refuse: true},
		reason: "one byte more is refused",
	}, {
		name: "GOMEMLIMIT under the hard limit", files: demoStore, limits: soft(cgroup(4*gib), gib),
		reason: "a soft limit under the hard one is kept, and the estimate fits under it",
	}, {
		name: "GOMEMLIMIT under the hard limit, below the estimate", files: bigStore, limits: soft(cgroup(4*gib), gib),
		want:   memDecision{Warn: true, Note: "memory: the files (3.3 GiB) need about 1.7 GiB of live heap, more than the Go memory limit of 1.0 GiB: the review runs, but its garbage collector may run nearly without pause"},
		reason: "the soft limit is kept and warned about; the hard one allows the store",
	}, {
		name: "GOMEMLIMIT above the hard limit", files: bigStore, limits: soft(cgroup(2*gib), 8*gib),
		want:   memDecision{SetLimit: 2*gib - 2*gib/10, Note: "memory: the Go memory limit is lowered from 8.0 GiB (GOMEMLIMIT) to 1.8 GiB, a tenth under the limit of 2.0 GiB set by the cgroup's memory.max, so that the heap does not grow past it"},
		reason: "a soft limit above the wall would let the heap grow past it",
	}, {
		name: "GOMEMLIMIT under a hard limit that refuses", files: bigStore, limits: soft(ulimit(3*gib), gib),
		want:   memDecision{Refuse: true},
		reason: "a soft limit does not make the store fit under the hard one",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			need := tt.need
			if need == 0 {
				need = liveNeeded(tt.files)
			}
			got := decideMemory(tt.files, need, tt.limits)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("decideMemory(%d, %d, %+v) (-want +got):\n%s\nreason: %s", tt.files, need, tt.limits, diff, tt.reason)
			}
		})
	}
}

// TestLiveNeeded: the estimate of the live heap, and its calibration
// stores (memory.go's table) under it but for a store of one event per
// user.
func TestLiveNeeded(t *testing.T) {
	if got, want := liveNeeded(10<<20), int64(69<<20); got != want { // 64 MiB + 10 MiB / 2
		t.Errorf("liveNeeded(10 MiB) = %d, want %d", got, want)
	}
	for _, n := range []int64{1 << 62, math.MaxInt64} {
		if got := liveNeeded(n); got < n/2 {
			t.Errorf("liveNeeded(%d) = %d: overflow", n, got)
		}
	}
	// Measured largest live heaps (MiB) for the files (bytes), from the
	// table in memory.go.
	for _, m := range []struct {
		files, live int64
	}{{60_400_000, 46}, {61_000_000, 43}, {455_000_000, 172}, {bigStore, 941}} {
		if need := liveNeeded(m.files); need < m.live*mib {
			t.Errorf("liveNeeded(%d) = %s, below the measured %d MiB", m.files, bytesText(need), m.live)
		}
	}
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 3 << 30: "3.0 GiB"} {
		if got := bytesText(n); got != want {
			t.Errorf("bytesText(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestPlanMemory: planMemory reads the size of the files, refuses with a
// message that says why, and sets the Go memory limit it decides.
func TestPlanMemory(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "events.csv"), make([]byte, 10<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil { // not read: not counted
		t.Fatal(err)
	}
	// 10 MiB of files need 69 MiB: a cgroup limit of 140 MiB leaves
	// 76 MiB (64 MiB of margin), 136 MiB leaves 72, 132 MiB 68.
	note, err := planMemory(dir, memLimits{Hard: 136 * mib, HardBy: "the cgroup's memory.max"})
	if err != nil || !strings.Contains(note, "set to 72.0 MiB") {
		t.Errorf("under 136 MiB: %q, %v; want the limit set to 72 MiB", note, err)
	}
	if got := debug.SetMemoryLimit(-1); got != 72*mib {
		t.Errorf("the Go memory limit is %d, want %d", got, 72*mib)
	}
	_, err = planMemory(dir, memLimits{Hard: 132 * mib, HardBy: "the cgroup's memory.max"})
	if err == nil || !strings.Contains(err.Error(), "the files (10.0 MiB) need about 69.0 MiB of memory, more than the limit of 132.0 MiB set by the cgroup's memory.max leaves the heap (68.0 MiB)") {
		t.Errorf("under 132 MiB: %v; want the sizes and what sets the limit", err)
	}
	note, err = planMemory(dir, memLimits{Soft: mib})
	if err != nil || !strings.Contains(note, "more than the Go memory limit of 1.0 MiB") {
		t.Errorf("under GOMEMLIMIT=1MiB: %q, %v; want a warning, no error", note, err)
	}
}

// TestCgroupLimit reads the smallest memory limit of the process's cgroup
// and its parents, under cgroup v2 and v1, from a file tree made up here.
func TestCgroupLimit(t *testing.T) {
	root := t.TempDir()
	write := func(path, v string) {
		t.Helper()
		p := filepath.Join(root, path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(v+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("memory.max", "max")
	write("user.slice/memory.max", "8589934592")
	write("user.slice/run-1.scope/memory.max", "2147483648")
	write("system.slice/memory.max", "max")
	write("memory/memory.limit_in_bytes", "9223372036854771712")
	write("memory/docker/memory.limit_in_bytes", "1073741824")
	tests := []struct {
		name, proc string
		want       int64
		reason     string
	}{
		{"v2, systemd-run scope", "0::/user.slice/run-1.scope\n", 2 * gib, "the scope's own memory.max, smaller than its slice's"},
		{"v2, no limit", "0::/system.slice\n", 0, `"max" up to the root`},
		{"v2, the root", "0::/\n", 0, "the root's max"},
		{"v1", "12:cpu,cpuacct:/docker\n4:memory:/docker\n0::/\n", gib, "v1's memory.limit_in_bytes, not the unlimited root's"},
		{"v1, no limit", "4:memory:/\n", 0, "v1's unlimited is near MaxInt64"},
		{"v1, a path not mounted", "4:memory:/docker/abc\n", gib, "a parent's limit holds"},
		{"no memory controller", "3:cpu:/docker\n", 0, "only the memory controller's limits"},
		{"garbage", "not a cgroup line\n", 0, "unreadable lines are skipped"},
	}
	for _, tt := range tests {
		if got := cgroupLimit(root, []byte(tt.proc)); got != tt.want {
			t.Errorf("%s: cgroupLimit(%q) = %d, want %d: %s", tt.name, tt.proc, got, tt.want, tt.reason)
		}
	}
}

// TestRunMain runs the command as main does when the test binary is started
// by TestMemoryLimitMessage with its arguments in the environment.
func TestRunMain(t *testing.T) {
	args, ok := os.LookupEnv("SHOPMETRICS_REVIEW_ARGS")
	if !ok {
		t.Skip("the command's entry point for TestMemoryLimitMessage")
	}
	if err := run(context.Background(), strings.Fields(args), os.Stdout, os.Stderr); err != nil {
		os.Stderr.WriteString("review: " + err.Error() + "\n")
		os.Exit(1)
	}
}

// runUnder runs the command, as main does, with args in a subprocess
// started by sh with the shell commands setup (such as a ulimit) and the
// environment env added, and returns its error and its output.
func runUnder(t *testing.T, setup string, env []string, args string) (string, error) {
	t.Helper()
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", "-c", setup+` exec "$0" -test.run '^TestRunMain$'`, exe)
	cmd.Env = append(append(os.Environ(), env...), "SHOPMETRICS_REVIEW_ARGS="+args)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	return out.String(), err
}

// TestMemoryLimitMessage runs the command on the demo export under an
// address-space limit too small for it (issue 16: it died with "fatal
// error: out of memory" and a goroutine dump). It must stop before reading
// and say how much memory it needs.
func TestMemoryLimitMessage(t *testing.T) {
	if testing.Short() || runtime.GOOS != "linux" || raceEnabled {
		t.Skip("runs the command under ulimit -v on linux, without the race detector")
	}
	dir, _ := exportDemo(t)
	// The demo's events file grows to 8 GiB of which all but its first
	// 50 MB is a hole (no disk used): a store whose live heap is
	// estimated at 4 GiB under a 4 GiB address-space limit, which leaves
	// the heap 1.8 GiB once the process's reserve and the margin are off.
	// The limit leaves the runtime gigabytes to start in, whatever the
	// load (the earlier test, with the demo as it is and a limit about
	// 110 MiB above what the runtime maps at start, saw the runtime run
	// out of address space while initialising, before the command's
	// check, in about 1 of 32 runs on a busy machine). Were the check to
	// let the files through, the reader would stop at the NUL bytes with
	// a parse error, not the message the test wants.
	if err := os.Truncate(filepath.Join(dir, "events.csv"), 8<<30); err != nil {
		t.Skip("cannot make a sparse file:", err)
	}
	const limit = "4194304" // KiB: 4 GiB
	out, err := runUnder(t, "ulimit -v "+limit+" &&", nil, "-data "+dir+" -tz Asia/Shanghai -o "+filepath.Join(t.TempDir(), "r.md"))
	if err == nil || !strings.Contains(out, "of memory, more than the limit of 4.0 GiB set by ulimit -v leaves the heap (1.8 GiB)") || strings.Contains(out, "fatal error") {
		t.Errorf("under ulimit -v %s: %v\n%s", limit, err, out)
	}
}

// TestMemoryLimitSet runs the command on the demo export under an
// address-space limit that allows it: it must set the Go memory limit a
// margin under it, say so once on stderr (the limit binds: twice the
// estimated live heap is above it), and review the store.
func TestMemoryLimitSet(t *testing.T) {
	if testing.Short() || runtime.GOOS != "linux" || raceEnabled {
		t.Skip("runs the command under ulimit -v on linux, without the race detector")
	}
	dir, _ := exportDemo(t)
	report := filepath.Join(t.TempDir(), "r.md")
	// KiB: 2280 MiB, 232 MiB once the process's reserve is off, and 168
	// MiB once the margin is: less than twice the demo's estimated live
	// heap (92 MiB), so the limit binds and is said.
	const limit = "2334720"
	out, err := runUnder(t, "ulimit -v "+limit+" &&", nil, "-data "+dir+" -tz Asia/Shanghai -o "+report)
	const note = "memory: the Go memory limit is set to 168.0 MiB, 64.0 MiB and the runtime's 2.0 GiB of address space under the limit of 2.2 GiB set by ulimit -v, so that the heap does not grow to twice what is live and past it\n"
	if err != nil || strings.Count(out, note) != 1 {
		t.Errorf("under ulimit -v %s: %v; want the note once:\n%s", limit, err, out)
	}
	if fi, err := os.Stat(report); err != nil || fi.Size() == 0 {
		t.Errorf("under ulimit -v %s: no review: %v", limit, err)
	}
}

// TestSoftLimitRuns runs the command on the demo export under a
// GOMEMLIMIT below its estimated live heap: a soft limit never fails an
// allocation, so the command must warn once and review the store (it
// refused to).
func TestSoftLimitRuns(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("exports the demo store and runs the command, without the race detector")
	}
	dir, _ := exportDemo(t)
	report := filepath.Join(t.TempDir(), "r.md")
	// 64 MiB: the demo's live heap is about 46 MiB, its estimate 93 MiB.
	out, err := runUnder(t, "", []string{"GOMEMLIMIT=64MiB"}, "-data "+dir+" -tz Asia/Shanghai -o "+report)
	if err != nil || strings.Count(out, "more than the Go memory limit of 64.0 MiB: the review runs") != 1 {
		t.Errorf("under GOMEMLIMIT=64MiB: %v; want one warning:\n%s", err, out)
	}
	if fi, err := os.Stat(report); err != nil || fi.Size() == 0 {
		t.Errorf("under GOMEMLIMIT=64MiB: no review: %v", err)
	}
}

// TestCheckUnsortedMemory: events.csv out of time order is loaded and
// sorted, so its size counts memPerUnsortedEventByte times more (found by
// review: the demo with its events sorted by user peaked at twice the
// streaming estimate); a soft limit only warns.
func TestCheckUnsortedMemory(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "events.csv"), make([]byte, 10<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	// 69 MiB streaming and 40 MiB more to sort: 109 MiB, which a cgroup
	// limit of 173 MiB leaves the heap (64 MiB of margin), 172 MiB not.
	if note, err := checkUnsortedMemory(dir, memLimits{Hard: 173 * mib, HardBy: "the cgroup's memory.max"}); err != nil || note != "" {
		t.Errorf("limit = need: %q, %v", note, err)
	}
	_, err := checkUnsortedMemory(dir, memLimits{Hard: 172 * mib, HardBy: "the cgroup's memory.max"})
	if err == nil || !strings.Contains(err.Error(), "not in time order") || !strings.Contains(err.Error(), "109.0 MiB") || !strings.Contains(err.Error(), "the cgroup's memory.max leaves the heap (108.0 MiB)") {
		t.Errorf("limit below need: %v; want the events out of order, the memory needed and what sets the limit", err)
	}
	note, err := checkUnsortedMemory(dir, memLimits{Soft: 100 * mib})
	if err != nil || !strings.Contains(note, "109.0 MiB of live heap, more than the Go memory limit of 100.0 MiB") {
		t.Errorf("under GOMEMLIMIT=100MiB: %q, %v; want a warning, no error", note, err)
	}
}

// TestUnsortedMemoryMessage runs the command on the demo export with its
// events in reverse order under GOMEMLIMIT=220MiB: above the streaming
// estimate (about 93 MiB), below what loading and sorting the events
// needs (about 282 MiB). It must warn after Dir's first reading, once,
// and review the store: a soft limit refuses nothing.
func TestUnsortedMemoryMessage(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("exports the demo store and runs the command, without the race detector")
	}
	dir, _ := exportDemo(t)
	path := filepath.Join(dir, "events.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(b), "\n"), "\n")
	slices.Reverse(lines[1:])
	lines[1] += "\n" // the old last line, now second, had no newline
	lines[len(lines)-1] = strings.TrimSuffix(lines[len(lines)-1], "\n")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(t.TempDir(), "r.md")
	out, err := runUnder(t, "", []string{"GOMEMLIMIT=220MiB"}, "-data "+dir+" -tz Asia/Shanghai -o "+report)
	if err != nil || !strings.Contains(out, "events.csv:3: warning: the events are not in time order") || strings.Count(out, "more than the Go memory limit of 220.0 MiB: the review runs") != 1 {
		t.Errorf("under GOMEMLIMIT=220MiB: %v\n%s", err, out)
	}
	if fi, err := os.Stat(report); err != nil || fi.Size() == 0 {
		t.Errorf("under GOMEMLIMIT=220MiB: no review: %v", err)
	}
}

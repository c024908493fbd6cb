package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// childEnv, set in the environment of the test binary, makes it the
// command: TestMain runs Main with the binary's arguments and exits with
// its status, with no delay before the progress line, so that the demo's
// short work shows it.
const childEnv = "SHOPMETRICS_REVIEW_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		progressDelay = 0
		os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// child returns the command run as the test binary's child with args.
func child(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	return cmd
}

// underPty returns the command with args run as the child of util-linux's
// script, whose pseudo-terminal is the child's stdout and stderr; script
// writes what the terminal got to its stdout and exits with the child's
// status (-e). It skips the test when script is missing (.ci/run
// installs it).
func underPty(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the pseudo-terminal tests use util-linux's script, whose flags the BSDs' lacks")
	}
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("no script command (util-linux; Debian package bsdutils) for a pseudo-terminal; .ci/run installs it")
	}
	if out, err := exec.Command(script, "-qec", "true", "/dev/null").CombinedOutput(); err != nil {
		t.Skipf("script cannot open a pseudo-terminal here (no /dev/pts?): %v: %s", err, out)
	}
	c := child(t, args...)
	quoted := make([]string, len(c.Args))
	for i, a := range c.Args {
		quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	// exec: the command itself is the terminal's foreground process,
	// which a Ctrl-C interrupts, not a shell waiting for it.
	cmd := exec.Command(script, "-qec", "exec "+strings.Join(quoted, " "), "/dev/null")
	cmd.Env = append(c.Env, "SHELL=/bin/sh")
	return cmd
}

// progressRE is a drawing of the progress line with a percentage, as
// the pseudo-terminal got it.
var progressRE = regexp.MustCompile(`\r(orders|events|snapshots)  [0-9]{1,3}%  [0-9,]+ of [0-9,]+\x1b\[K`)

// TestProgressTerminal runs the demo review under a pseudo-terminal: the
// progress line is drawn with "\r", shows a phase and a percentage, never
// reaches the 80 columns of a terminal of unknown size, and is erased at
// the end.
func TestProgressTerminal(t *testing.T) {
	out := filepath.Join(t.TempDir(), "review.md")
	cmd := underPty(t, "-o", out)
	got, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v; the terminal got %q", err, got)
	}
	s := string(got)
	if !progressRE.MatchString(s) {
		t.Fatalf("the terminal got no progress line with a percentage: %q", s)
	}
	t.Logf("the terminal got: %q", s)
	if !strings.HasSuffix(s, eraseLine) {
		t.Errorf("the line is not erased at the end: %q", s[max(0, len(s)-80):])
	}
	for _, line := range strings.Split(s, "\r") {
		line = strings.TrimSuffix(line, "\x1b[K")
		if n := columnsOf(line); n >= 80 {
			t.Errorf("a drawing of %d columns: %q", n, line)
		}
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("no review written: %v", err)
	}
}

// TestProgressQuiet: -quiet under a pseudo-terminal draws nothing.
func TestProgressQuiet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "review.md")
	got, err := underPty(t, "-quiet", "-o", out).Output()
	if err != nil {
		t.Fatalf("%v; the terminal got %q", err, got)
	}
	if len(got) != 0 {
		t.Errorf("-quiet: the terminal got %q, want nothing", got)
	}
}

// TestProgressRedirected: with stderr a file or a pipe, nothing of the
// progress line is written (no "\r", no escape sequence, no text), and
// stdout is the review, byte for byte the golden one.
func TestProgressRedirected(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("testdata", "demo.en.md"))
	if err != nil {
		t.Fatal(err)
	}
	// stderr a file, stdout a pipe.
	errFile := filepath.Join(t.TempDir(), "stderr")
	f, err := os.Create(errFile)
	if err != nil {
		t.Fatal(err)
	}
	cmd := child(t)
	cmd.Stderr = f
	stdout, err := cmd.Output()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := os.ReadFile(errFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(stderr) != 0 {
		t.Errorf("stderr a file: it got %q, want nothing", stderr)
	}
	if diff := cmp.Diff(string(want), string(stdout)); diff != "" {
		t.Errorf("stdout a pipe: not the golden review (-want +got):\n%s", diff)
	}
	// stderr a pipe, stdout a file.
	outFile := filepath.Join(t.TempDir(), "stdout")
	if f, err = os.Create(outFile); err != nil {
		t.Fatal(err)
	}
	cmd = child(t)
	cmd.Stdout = f
	var errs bytes.Buffer
	cmd.Stderr = &errs
	err = cmd.Run()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("%v: %s", err, errs.String())
	}
	if errs.Len() != 0 {
		t.Errorf("stderr a pipe: it got %q, want nothing", errs.String())
	}
	if stdout, err = os.ReadFile(outFile); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stdout, want) || bytes.ContainsAny(stdout, "\r\x1b") {
		t.Errorf("stdout a file: not the golden review (%d bytes, want %d)", len(stdout), len(want))
	}
}

// TestInterrupt types Ctrl-C on the pseudo-terminal of a review of the
// exported demo store once its first progress line appears: the command
// exits with ExitInterrupted, says "interrupted" after erasing the line,
// and leaves no -o file, neither the review nor its temporary file.
func TestInterrupt(t *testing.T) {
	data, _ := exportDemo(t)
	outDir := t.TempDir()
	cmd := underPty(t, "-data", data, "-tz", "Asia/Shanghai", "-o", filepath.Join(outDir, "review.md"))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// A guard against a child that never ends, not a measure of speed.
	guard := time.AfterFunc(5*time.Minute, func() { cmd.Process.Kill() })
	defer guard.Stop()
	// The first drawing of the line: any phase, with or without a total.
	first := regexp.MustCompile(`\r(reading |orders|events|snapshots|sections)`)
	r := bufio.NewReader(stdout)
	var got bytes.Buffer
	var typed time.Time
	for typed.IsZero() {
		b, err := r.ReadByte()
		if err != nil {
			cmd.Wait()
			t.Fatalf("%v before a progress line; the terminal got %q", err, got.String())
		}
		got.WriteByte(b)
		if first.Match(got.Bytes()) {
			if _, err := stdin.Write([]byte{3}); err != nil { // Ctrl-C: the terminal sends SIGINT
				t.Fatal(err)
			}
			typed = time.Now()
		}
	}
	rest, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	got.Write(rest)
	err = cmd.Wait()
	t.Logf("exited %v after Ctrl-C; the terminal got %q", time.Since(typed), got.String())
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != ExitInterrupted {
		t.Errorf("exit: %v, want status %d", err, ExitInterrupted)
	}
	if s := got.String(); !regexp.MustCompile(`(\^C)?\r\x1b\[K(\^C)?shopreview: interrupted\r?\n$`).MatchString(s) {
		t.Errorf("the terminal got %q; want the line erased, then %q", s[max(0, len(s)-120):], "shopreview: interrupted")
	}
	entries, err := os.ReadDir(outDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("-o's directory holds %s after the interrupt, want nothing", e.Name())
	}
}

// TestWriteFileInterrupted: once the context is done, writeFile renames
// nothing into place: an earlier review stays as it was, and no temporary
// file is left.
func TestWriteFileInterrupted(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "review.md")
	if err := os.WriteFile(path, []byte("earlier"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := writeFile(ctx, path, []byte("new")); !errors.Is(err, context.Canceled) {
		t.Errorf("writeFile after cancel: %v, want context.Canceled", err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "earlier" {
		t.Errorf("%s: %q, %v; want the earlier review", path, b, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%s holds %d files, want only review.md", dir, len(entries))
	}
	if err := writeFile(context.Background(), path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "new" {
		t.Errorf("%s: %q, %v; want the new review", path, b, err)
	}
}

// TestRunInterrupted: run under a context done before the work (as after
// a SIGINT) writes nothing, and its error wraps context.Canceled, which
// Main turns into ExitInterrupted (TestInterrupt).
func TestRunInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "review.md")
	var stdout, stderr bytes.Buffer
	err := run(ctx, []string{"-o", out}, &stdout, &stderr)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("run after cancel: %v, want context.Canceled", err)
	}
	if _, serr := os.Stat(out); !errors.Is(serr, os.ErrNotExist) {
		t.Errorf("%s: %v, want no file", out, serr)
	}
	err = run(ctx, []string{"-export", t.TempDir()}, &stdout, &stderr)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("-export after cancel: %v, want context.Canceled", err)
	}
	if stdout.Len() != 0 || stderr.Len() != 0 {
		t.Errorf("stdout %q, stderr %q; want nothing", stdout.String(), stderr.String())
	}
}

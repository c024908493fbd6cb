package storedata

import "syscall"

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14), which the
// syscall package does not name.
const madvPopulateWrite = 23

// advise asks the system for huge pages for the table, which is read and
// written all over at random (with 4 KB pages nearly every access of a
// large table misses the TLB; with 2 MB pages a table of 64 MB takes 32
// entries), and then to map every page of it at once, which costs less
// than a fault per page. Both are advice: a system that refuses either
// (transparent huge pages turned off; a kernel before 5.14) leaves the
// table as it is, correct, with small pages or a fault per page, so its
// answer is not an error of the reader's.
func advise(mem []byte) {
	if err := syscall.Madvise(mem, syscall.MADV_HUGEPAGE); err != nil {
		// Small pages: slower, as correct.
	}
	if err := syscall.Madvise(mem, madvPopulateWrite); err != nil {
		// Pages mapped as they are used: slower, as correct.
	}
}

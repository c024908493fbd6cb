//go:build unix && !linux

package storedata

// advise does nothing: the pages of the table are mapped as they are
// used.
func advise(mem []byte) {}

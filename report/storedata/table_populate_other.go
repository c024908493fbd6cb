//go:build unix && !linux

package storedata

// mapPopulate is 0: the pages of the table are mapped as they are used.
const mapPopulate = 0

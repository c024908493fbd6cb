package storedata

import "syscall"

// mapPopulate asks the system to map every page of the table at once:
// it is read and written all over at random, and one call that maps it
// costs less than a fault per page.
const mapPopulate = syscall.MAP_POPULATE

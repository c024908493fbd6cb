//go:build amd64 && !purego

package storedata

// cutLineArch is [cutLine] in SSE2 assembly (cutline_amd64.s), 64 bytes a
// step, except that on a line it finds bad before its newline it may stop
// early with nl = [stopped] and hiFrom = where to go on looking for the
// newline (cutLine does).
//
//go:noescape
func cutLineArch(b []byte, ends []int32) (nl, hiFrom, hiTo int, ok bool)

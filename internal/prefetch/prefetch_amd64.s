//go:build amd64 && !purego

#include "textflag.h"

// func Lines(addrs []unsafe.Pointer) uint32
TEXT ·Lines(SB), NOSPLIT, $0-28
	MOVQ addrs_base+0(FP), SI
	MOVQ addrs_len+8(FP), CX
	TESTQ CX, CX
	JZ   done

loop:
	MOVQ       (SI), AX
	PREFETCHT0 (AX)
	ADDQ       $8, SI
	DECQ       CX
	JNZ        loop

done:
	MOVL $0, ret+24(FP)
	RET

//go:build amd64 && !purego

#include "textflag.h"

// func prefetchAt(base unsafe.Pointer, offs []uintptr)
TEXT ·prefetchAt(SB), NOSPLIT, $0-32
	MOVQ	base+0(FP), AX
	MOVQ	offs_base+8(FP), BX
	MOVQ	offs_len+16(FP), CX
	TESTQ	CX, CX
	JEQ	done
loop:
	MOVQ	(BX), DX
	PREFETCHT0	(AX)(DX*1)
	ADDQ	$8, BX
	DECQ	CX
	JNZ	loop
done:
	RET

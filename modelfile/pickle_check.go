package modelfile

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// checkPickle walks the opcodes of a pickle and refuses one whose length
// argument (a string, bytes, a long, a frame) runs past the end: gopickle
// allocates such a length before reading, so a lying length would be an
// allocation the file does not justify (or a panic). It also refuses
// opcodes a state_dict's pickle never uses where they would make gopickle
// build values we cannot bound (extensions, out-of-band buffers).
func checkPickle(p []byte) error {
	for i := 0; i < len(p); {
		op := p[i]
		i++
		var n int64 // bytes of argument after the opcode
		switch op {
		// no argument
		case '(', '.', '0', '1', '2', 'N', '}', 'a', 'b', 'd', ']', 'e', 'l', 't', ')', 's', 'u',
			'Q', 'R', 'o', 0x81, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94:
			if op == '.' {
				return nil
			}
		// fixed-size argument
		case 'K', 'h', 'q', 0x80:
			n = 1
		case 'M':
			n = 2
		case 'J', 'j', 'r':
			n = 4
		case 'G':
			n = 8
		case 0x95: // FRAME: its length, then its opcodes inline
			n = 8
			if i+8 <= len(p) && binary.LittleEndian.Uint64(p[i:]) > uint64(len(p)-i-8) {
				return fmt.Errorf("a frame of %d bytes past the end of the pickle", binary.LittleEndian.Uint64(p[i:]))
			}
		// a length, then that many bytes
		case 'U', 'C', 0x8c, 0x8a:
			n = lengthArg(p, i, 1)
		case 'T', 'X', 'B', 0x8b:
			n = lengthArg(p, i, 4)
		case 0x8d, 0x8e, 0x96:
			n = lengthArg(p, i, 8)
		// newline-terminated arguments: GLOBAL and INST have two
		case 'I', 'L', 'F', 'S', 'V', 'g', 'p', 'P', 'c', 'i':
			lines := 1
			if op == 'c' || op == 'i' {
				lines = 2
			}
			for range lines {
				j := bytes.IndexByte(p[min(i+int(n), len(p)):], '\n')
				if j < 0 {
					return fmt.Errorf("the pickle ends inside opcode 0x%02x", op)
				}
				n += int64(j) + 1
			}
		default:
			return fmt.Errorf("the pickle has opcode 0x%02x, which a state_dict does not use", op)
		}
		if n < 0 || n > int64(len(p)-i) {
			return fmt.Errorf("the pickle's opcode 0x%02x claims more bytes than it holds", op)
		}
		i += int(n)
	}
	return fmt.Errorf("the pickle ends without STOP (truncated)")
}

// lengthArg is the size of an argument made of a size-byte little-endian
// length and that many bytes, or -1 when it cannot be.
func lengthArg(p []byte, i, size int) int64 {
	if i+size > len(p) {
		return -1
	}
	var l uint64
	for k := size - 1; k >= 0; k-- {
		l = l<<8 | uint64(p[i+k])
	}
	if l > uint64(len(p)) {
		return -1
	}
	return int64(size) + int64(l)
}

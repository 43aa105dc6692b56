package i18n

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"unicode/utf8"
)

// The Korean language pack: the table's Korean column and the Korean font
// in one file, which the browser fetches when Korean is first shown
// (cmd/langpack writes it, `make wasm` builds it as wasm/ko.bin). The
// English page does not carry either.
//
// Layout: packMagic; the English column's fingerprint (8 bytes, little
// endian), so a pack of another build (a key added, moved or reworded)
// is refused rather than showing texts under the wrong keys; the number
// of texts (uvarint) and each text (uvarint length, UTF-8 bytes) in key
// order; then the font file, to the end.
const packMagic = "CPKO\x01"

// Pack writes the language pack of this build's Korean column with the
// font's bytes. The browser build has no column of its own to write.
func Pack(font []byte) ([]byte, error) {
	if korean == nil {
		return nil, errors.New("language pack: this build has no Korean column")
	}
	return encodePack(korean[:], font), nil
}

func encodePack(column []string, font []byte) []byte {
	b := append([]byte(packMagic), binary.LittleEndian.AppendUint64(nil, fingerprint())...)
	b = binary.AppendUvarint(b, uint64(len(column)))
	for _, s := range column {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return append(b, font...)
}

// LoadPack checks a language pack and makes its texts the Korean column;
// it returns the pack's font, for package hangul to parse. A file that
// is not this build's pack (another build's, a failed download's error
// page, a truncated one) is refused with a message and changes nothing.
func LoadPack(b []byte) (font []byte, err error) {
	column, font, err := decodePack(b)
	if err != nil {
		return nil, fmt.Errorf("language pack: %w", err)
	}
	korean = column
	return font, nil
}

func decodePack(b []byte) (*[numKeys]string, []byte, error) {
	head := len(packMagic) + 8
	if len(b) < head || string(b[:len(packMagic)]) != packMagic {
		return nil, nil, errors.New("not a language pack of this playground")
	}
	if binary.LittleEndian.Uint64(b[len(packMagic):head]) != fingerprint() {
		return nil, nil, errors.New("made for another version of the playground (its keys differ)")
	}
	b = b[head:]
	n, w := binary.Uvarint(b)
	if w <= 0 || n != uint64(numKeys) {
		return nil, nil, fmt.Errorf("%d texts, want %d", n, numKeys)
	}
	b = b[w:]
	var column [numKeys]string
	for k := range column {
		size, w := binary.Uvarint(b)
		if w <= 0 || size > uint64(len(b)-w) {
			return nil, nil, fmt.Errorf("text %d is cut short", k)
		}
		s := string(b[w : w+int(size)])
		if !utf8.ValidString(s) {
			return nil, nil, fmt.Errorf("text %d is not UTF-8", k)
		}
		column[k], b = s, b[w+int(size):]
	}
	if len(b) == 0 {
		return nil, nil, errors.New("no font")
	}
	return &column, b, nil
}

// fingerprint is FNV-1a (64 bits) of the English column, each text ended
// by a zero byte: the same in every build of the same table.
func fingerprint() uint64 {
	h := fnv.New64a()
	for _, s := range english {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// HasKorean says whether the Korean column is there: always outside the
// browser, in the browser once LoadPack has installed the pack's.
func HasKorean() bool { return korean != nil }

package i18n

// korean is the table's Korean column: nil in the browser until LoadPack
// installs the language pack's (Korean text falls back to English until
// then). korean.go holds it in the other builds.
var korean *[numKeys]string

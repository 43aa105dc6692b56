package i18n

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// captions are the README's screenshots and the table's captions of them.
var captions = map[string]Key{
	"docs/screenshot.png": CaptionScreenshot, "docs/depthwise.png": CaptionDepthwise,
	"docs/channels.png": CaptionChannels, "docs/batch.png": CaptionBatch, "docs/code.png": CaptionCode,
	"docs/phone.png": CaptionPhone, "docs/sideways.png": CaptionSideways,
	"docs/lesson-ko.png": CaptionLessonKorean, "docs/playground-ko.png": CaptionKorean,
}

// Every screenshot of the README has its caption from the table: the
// English one as its alt text, the Korean one in the Korean section,
// beside the picture's name (issue 21 §1).
func TestReadmeCaptions(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	_, korean, ok := strings.Cut(readme, "\n### 스크린샷 설명\n")
	korean, _, _ = strings.Cut(korean, "\n#")
	if !ok {
		t.Fatal("README has no Korean captions section (### 스크린샷 설명)")
	}
	seen := 0
	for _, m := range regexp.MustCompile(`!\[([^\]]*)\]\((docs/[^)]+)\)`).FindAllStringSubmatch(readme, -1) {
		alt, file := m[1], m[2]
		k, ok := captions[file]
		if !ok {
			t.Errorf("%s: no caption in the table", file)
			continue
		}
		seen++
		if _, err := os.Stat("../" + file); err != nil {
			t.Errorf("%s: %v", file, err)
		}
		if alt != EN.T(k) {
			t.Errorf("%s: alt text %q, the table's %q", file, alt, EN.T(k))
		}
		if HasKorean() && !strings.Contains(korean, "`"+file+"`: "+KO.T(k)) {
			t.Errorf("%s: the Korean section lacks \"`%s`: %s\"", file, file, KO.T(k))
		}
	}
	if seen != len(captions) {
		t.Errorf("%d of the table's %d screenshots are in the README", seen, len(captions))
	}
}

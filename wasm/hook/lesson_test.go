package hook

import (
	"encoding/json"
	"testing"
)

// lang and lesson are in the hook: the card's object with the step
// counted from 1, null for a closed card.
func TestHookLangLesson(t *testing.T) {
	for _, c := range []struct {
		v    View
		want string
	}{
		{View{Lang: "ko", Lesson: Lesson(2, 10, "stride", true)}, `{"answered":true,"id":"stride","step":3,"total":10}`},
		{View{Lang: "en"}, `null`},
	} {
		b, err := json.Marshal(Build(fresh(t), 1, c.v))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]json.RawMessage
		json.Unmarshal(b, &m)
		if string(m["lang"]) != `"`+c.v.Lang+`"` || string(m["lesson"]) != c.want {
			t.Errorf("lang %s, lesson %s; want %q, %s", m["lang"], m["lesson"], c.v.Lang, c.want)
		}
	}
}

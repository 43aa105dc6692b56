package static

import (
	"strconv"
	"strings"
)

// negotiate picks the content coding to send from the codings on offer
// (in order of preference), for a request's Accept-Encoding header, or ""
// for the original bytes (identity). The client's q-values decide: the
// offered coding with the highest non-zero q, ties going to the earlier
// one; a coding not named gets the q of "*", if any, else it is not
// accepted; identity wins over a coding only when the client names it
// (or "*") with a higher q. The original is the fallback whenever nothing
// offered is acceptable, even when the client refuses identity (RFC 9110
// allows that instead of a 406, and the page would not load otherwise).
func negotiate(header string, offered []string) string {
	q := acceptQ(header)
	star, hasStar := q["*"]
	qOf := func(coding string) float64 {
		if v, ok := q[coding]; ok {
			return v
		}
		if hasStar {
			return star
		}
		return 0
	}
	best, bestQ := "", 0.0
	for _, c := range offered {
		if v := qOf(c); v > bestQ {
			best, bestQ = c, v
		}
	}
	if id, ok := q["identity"]; ok && id > bestQ || !ok && hasStar && star > bestQ {
		return ""
	}
	return best
}

// acceptQ parses an Accept-Encoding value into each named coding's q
// (lower case; "*" included). No q means 1; a q that is not a number
// from 0 to 1 counts as 0. A coding named twice keeps its first q.
func acceptQ(header string) map[string]float64 {
	q := map[string]float64{}
	for _, item := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(item, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		if _, seen := q[name]; !seen {
			q[name] = quality(params)
		}
	}
	return q
}

// quality reads the q parameter of one Accept-Encoding item ("q=0.5").
func quality(params string) float64 {
	for _, p := range strings.Split(params, ";") {
		k, v, found := strings.Cut(strings.TrimSpace(p), "=")
		if !found || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || !(f >= 0 && f <= 1) {
			return 0
		}
		return f
	}
	return 1
}

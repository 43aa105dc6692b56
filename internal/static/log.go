package static

import (
	"log"
	"net/http"
)

// Logged wraps h to print one line per request to l (status, method, path,
// Content-Encoding), so a missing file is easy to spot. The path is quoted
// (Go syntax): a decoded path can hold a newline ("%0a") or terminal
// escapes, which must neither forge a log line nor reach a terminal (the
// method is a token, which net/http checks).
func Logged(h http.Handler, l *log.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &status{ResponseWriter: w, code: http.StatusOK}
		h.ServeHTTP(rec, r)
		l.Printf("%d %s %q %s", rec.code, r.Method, r.URL.Path, w.Header().Get("Content-Encoding"))
	})
}

// status records the status code a handler sends.
type status struct {
	http.ResponseWriter
	code int
}

func (s *status) WriteHeader(code int) { s.code = code; s.ResponseWriter.WriteHeader(code) }

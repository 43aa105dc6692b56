package static

import (
	"net/http"
	"time"
)

// Limits of the server (NewServer). A client gets ReadHeaderTimeout to send
// its request's header, so connections that send half a header are closed
// instead of held; WriteTimeout leaves room for the uncompressed 13 MB
// wasm on a slow link.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 10 * time.Second
	WriteTimeout      = 2 * time.Minute
	IdleTimeout       = time.Minute
	MaxHeaderBytes    = 16 << 10
)

// NewServer is an HTTP server for h (Handler, maybe wrapped) with the
// limits above.
func NewServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
	}
}

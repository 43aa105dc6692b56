package static

import (
	"net/http"
	"time"
)

// Limits of the server (NewServer). A client gets ReadHeaderTimeout to send
// its request's header, so connections that send half a header are closed
// instead of held; WriteTimeout leaves room for the uncompressed 13 MB
// wasm on a slow link. MaxHeaderBytes bounds the request line and header
// fields together: a longer request gets 431.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 10 * time.Second
	WriteTimeout      = 2 * time.Minute
	IdleTimeout       = time.Minute
	MaxHeaderBytes    = 16 << 10
)

// headerSlop is what net/http reads beyond http.Server.MaxHeaderBytes
// before it answers 431 (its "bufio slop", 4096 bytes since Go 1.0;
// TestHeaderLimit fails if that changes).
const headerSlop = 4096

// NewServer is an HTTP server for h (Handler, maybe wrapped) with the
// limits above. "OPTIONS *" goes to h like any other request (net/http
// would answer it itself, 200 without h's headers).
func NewServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:                      h,
		ReadHeaderTimeout:            ReadHeaderTimeout,
		ReadTimeout:                  ReadTimeout,
		WriteTimeout:                 WriteTimeout,
		IdleTimeout:                  IdleTimeout,
		MaxHeaderBytes:               MaxHeaderBytes - headerSlop,
		DisableGeneralOptionsHandler: true,
	}
}

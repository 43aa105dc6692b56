//go:build ignore

// Serve the playground for a browser: `go run serve.go -addr 127.0.0.1:8080 -dir .`
// (`make serve` builds wasm/main.wasm first). Any static host works too
// (`make site`); this one also sends the precompressed main.wasm.br / .gz,
// serves the site's files only (internal/static), answers GET and HEAD only,
// and drops clients that are slow to send their request.
package main

import (
	"flag"
	"log"
	"net"
	"os"
	"path/filepath"
	"strings"

	"convplayground/internal/static"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	dir := flag.String("dir", ".", "directory to serve (holds index.html and wasm/)")
	site := flag.String("site", "", "instead of serving, copy the site's files into this new directory (`make site`)")
	flag.Parse()

	if *site != "" {
		if err := static.WriteSite(*dir, *site); err != nil {
			log.Fatal(err)
		}
		log.Printf("wrote the site (%s and the precompressed variants) to %s", strings.Join(static.Files, ", "), *site)
		return
	}

	if _, err := os.Stat(filepath.Join(*dir, "wasm", "main.wasm")); err != nil {
		log.Printf("warning: %v — build it with `make wasm`", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("Conv Playground: serving %s on http://%s/", *dir, ln.Addr())
	log.Fatal(static.NewServer(static.Logged(static.Handler(*dir), log.Default())).Serve(ln))
}

// Package e2e holds the end-to-end tests of the built programs: the browser
// build driven in headless Chromium (browser_test.go) and the desktop binary
// under Xvfb (desktop_test.go). They build what they test, so `go test
// ./e2e/` needs no earlier `make`. With CI=true a missing browser or X server
// fails the tests instead of skipping them.
package e2e

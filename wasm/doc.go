// Package wasm is the browser glue of the playground (build tag js): it puts
// the automation hook window.convPlayground on the page and tells the page
// (index.html) when the game is ready or has failed. The built files
// main.wasm and wasm_exec.js land in this directory and are not committed.
package wasm

// The training Web Worker: new Worker("wasm/train_worker.js") on the page.
// It runs train.wasm (cmd/trainworker), which trains the network off the
// page's thread; the messages both ways are in package livetrain's comment.
// Messages the page posts before Go listens wait in self.pending, which
// Go reads when it starts.
"use strict";
importScripts("wasm_exec.js");
self.pending = [];
self.onmessage = e => self.pending.push(e.data);
const go = new Go();
// Go never exits while it serves the page: an exit is a panic (printed on
// the worker's console), which the page hears of as an error.
go.exit = code => postMessage({error: "train.wasm stopped with exit code " + code + " (the worker's console says why)"});
WebAssembly.instantiateStreaming(fetch("train.wasm"), go.importObject)
	.then(r => go.run(r.instance))
	.catch(e => postMessage({error: "train.wasm did not start: " + e}));

// Package livetrain trains the playground's network off the page's frame:
// it is the logic of the training Web Worker (cmd/trainworker, built to
// wasm/train.wasm and started by wasm/train_worker.js), kept free of
// syscall/js and of any display so that it is tested natively.
//
// # Protocol
//
// The page and the worker talk with postMessage. Page → worker (control
// messages are plain objects; the worker's JavaScript hands them to Go as
// JSON):
//
//	{start: {net, seed, optimizer, lr, momentum, batch, test_every}}
//	    net: "lenet" (the default: package nn's LeNet, its state_dict keys
//	    conv1.weight ... fc2.bias) or the text of an nn.Sequential (package
//	    nn/arch: what nn.Build builds, with PyTorch's default init drawn
//	    from the seed; its keys nn.Sequential's, 0.weight ...). A network
//	    is refused with a message when it cannot train on MNIST: its text
//	    or a constructor refused (PyTorch's words), a layer refusing the
//	    batch [batch, 1, 28, 28] (the layer and PyTorch's words), an output
//	    other than [batch, 10], or no parameters. optimizer "adam" or
//	    "sgd"; lr > 0; momentum in [0, 1) (SGD only); batch 1..64;
//	    test_every: steps between two test-set evaluations (default 100).
//	    A new model from the seed; it trains as soon as the data is there.
//	    A start while training replaces the run.
//	{data: {train_images, train_labels, test_images, test_labels}}
//	    four ArrayBuffers (transfer them): n×784 and n uint8 for training,
//	    m×784 and m for the test set (pixels 0..255, white on black, labels
//	    0..9). A start may come before or after it.
//	{pause: true}   stop after the current slice; the weights stay
//	{resume: true}  go on from where the pause left
//	{reset: true}   a fresh model from the start message's seed, step 0, paused
//
// Worker → page:
//
//	{ready: true}  Go is listening (messages posted earlier were queued, not lost)
//	{progress: {step, epoch, loss, loss_raw, images_per_s, running, snapshot},
//	 weights: {name: Float32Array}, shapes: {name: [dims]}}
//	    at most about every SliceBudget (100 ms) while training, and once
//	    after a start, pause or reset; loss is the smoothed loss (an
//	    exponential moving average, debiased), loss_raw the last batch's
//	    mean cross-entropy; epoch counts passes over the training set
//	    (fractional); images_per_s is per second of training (evaluations
//	    left out); weights is the state_dict, its buffers transferred
//	    (BatchNorm's running statistics too; num_batches_tracked, an int64
//	    in PyTorch, as one float of shape []).
//	    One goes out at exactly each of the steps 0, 50, 200 and 1000,
//	    marked snapshot: true, for the filter history.
//	{test: {step, test_accuracy}}  after every test_every steps: the accuracy
//	    on the whole test set of the weights at that step
//	{error: "message"}  a message the worker refuses (training stays as it
//	    was), or why training stopped (then a progress with running false
//	    follows); train_worker.js posts one when train.wasm does not start or
//	    Go exits (a panic)
//
// The worker trains in slices of SliceBudget and yields to its event loop
// between them, so that a pause is read within one slice. An evaluation of
// the test set is sliced the same way (training waits for it).
//
// One place builds the network and its optimizer step (newModel, model.go):
// an nn.Sequential (the LeNet's or the text's) in training mode (BatchNorm
// on batch statistics, Dropout dropping), with SGD or Adam; the test set
// is classified in eval mode, a batch at a time.
package livetrain

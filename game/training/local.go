package training

import (
	"bytes"
	"runtime"
	"time"

	"convplayground/livetrain"
	"convplayground/nn/mnistdata"
)

// Local trains in a goroutine of this process (the desktop app; the
// browser trains in a Web Worker instead, which keeps its page's one
// thread free): package livetrain's worker, fed the data file's bytes.
type Local struct {
	post func(Event)
	data func() ([]byte, error) // the data file (assets/mnist12k.bin.gz)
	ctl  chan any               // livetrain.Message or livetrain.Dataset
}

// NewLocal starts the training goroutine, which reports to post (a
// Session's Post) and reads the data file from data when asked.
func NewLocal(post func(Event), data func() ([]byte, error)) *Local {
	l := &Local{post: post, data: data, ctl: make(chan any, 16)}
	go l.loop(livetrain.NewWorker(time.Now))
	return l
}

func (l *Local) Send(m livetrain.Message) { l.ctl <- m }

// LoadData reads and checks the data file in a goroutine of its own.
func (l *Local) LoadData() {
	go func() {
		b, err := l.data()
		if err != nil {
			l.post(Event{DataErr: err})
			return
		}
		l.post(Event{Loaded: int64(len(b)), Total: int64(len(b))})
		d, err := Dataset(b)
		if err != nil {
			l.post(Event{DataErr: err})
			return
		}
		l.ctl <- d
	}()
}

// Dataset decodes the data file (package mnistdata's format) as the
// worker's data message.
func Dataset(file []byte) (livetrain.Dataset, error) {
	set, err := mnistdata.Decode(bytes.NewReader(file))
	if err != nil {
		return livetrain.Dataset{}, err
	}
	return livetrain.Dataset{TrainImages: set.Train.Pixels, TrainLabels: set.Train.Labels,
		TestImages: set.Test.Pixels, TestLabels: set.Test.Labels}, nil
}

// loop is the training goroutine: messages in, a slice of training, its
// report out, as cmd/trainworker's loop is in the browser.
func (l *Local) loop(w *livetrain.Worker) {
	for {
		if !w.Busy() {
			l.handle(w, <-l.ctl)
		}
		for len(l.ctl) > 0 {
			l.handle(w, <-l.ctl)
		}
		u, ok, err := w.Next()
		if err != nil {
			l.post(Event{Err: err})
		}
		if ok {
			l.report(u)
		}
		// Let the others run between slices: WebAssembly's one thread (the
		// tests run there too) has no preemption.
		runtime.Gosched()
	}
}

func (l *Local) handle(w *livetrain.Worker, m any) {
	var err error
	switch m := m.(type) {
	case livetrain.Message:
		err = w.Control(m)
	case livetrain.Dataset:
		if err = w.Data(m); err == nil {
			l.post(Event{DataReady: true})
		} else {
			l.post(Event{DataErr: err})
			return
		}
	}
	if err != nil {
		l.post(Event{Err: err})
	}
}

// report posts an update with copies of the weights: the worker goes on
// training its own.
func (l *Local) report(u livetrain.Update) {
	if p := u.Progress; p != nil {
		c := *p
		c.Weights = make([]livetrain.Param, len(p.Weights))
		for i, w := range p.Weights {
			c.Weights[i] = livetrain.Param{Name: w.Name, Tensor: w.Tensor.Clone()}
		}
		l.post(Event{Progress: &c})
	}
	if u.Test != nil {
		t := *u.Test
		l.post(Event{Test: &t})
	}
}

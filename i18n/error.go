package i18n

// Error is an error whose text is a message of the table: Error() is the
// English one (what logs, tests and the hook see), In the UI's language.
// Packages below the view (game/link, game/picture, game/state) return
// it where their message is the learner's, so the view can write the
// notice in Korean without those packages knowing the language.
type Error struct {
	key  Key
	args []any
}

// Errorf is the error of template k filled with args (in the English
// template's order, as Sprintf). An argument that is an error is written
// in the same language as the message around it (Text).
func Errorf(k Key, args ...any) error { return &Error{k, args} }

func (e *Error) Error() string { return e.In(EN) }

// In is the message in language l.
func (e *Error) In(l Lang) string {
	args := make([]any, len(e.args))
	for i, a := range e.args {
		if err, ok := a.(error); ok {
			a = Text(l, err)
		}
		args[i] = a
	}
	return l.Sprintf(e.key, args...)
}

// Unwrap gives the errors among the arguments, for errors.Is and As.
func (e *Error) Unwrap() []error {
	var errs []error
	for _, a := range e.args {
		if err, ok := a.(error); ok {
			errs = append(errs, err)
		}
	}
	return errs
}

// Text is err's message in language l: the table's when err is an Error,
// its own otherwise (PyTorch's messages, a file format's details).
func Text(l Lang, err error) string {
	if e, ok := err.(*Error); ok {
		return e.In(l)
	}
	return err.Error()
}

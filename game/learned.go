package game

// initLearned loads the trained network's filters, when available.
func (g *Game) initLearned() {}

func (g *Game) loadLearned() {}

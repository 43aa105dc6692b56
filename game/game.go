// Package game is the Ebiten view of the playground: layout, widgets, input
// routing and drawing. All logic lives in game/state.
package game

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
)

// Game implements ebiten.Game. (Stub: the playground helper fills it in.)
type Game struct {
	frame int
}

// New builds the playground.
func New() (*Game, error) { return &Game{}, nil }

func (g *Game) Update() error { g.frame++; return nil }

func (g *Game) Draw(screen *ebiten.Image) { screen.Fill(color.RGBA{0xf6, 0xf4, 0xee, 0xff}) }

func (g *Game) Layout(w, h int) (int, int) { return w, h }

// HookJSON is what window.convPlayground.state() returns in the browser.
func (g *Game) HookJSON() string { return `{"frame":0}` }

// ControlsJSON maps each on-screen control's name to its rectangle in layout
// (CSS) pixels, so browser tests can click the real UI.
func (g *Game) ControlsJSON() string { return `{}` }

package forms

import (
	"strings"
)

// The plurilingual extract (CIEC convention n° 16, formulas A, B and C)
// is a grid of numbered boxes: the number, the label in French (bold) and
// English (italic), and the value in capitals. The boxes keep their
// numbers whatever the act lacks: an empty box is struck through and
// reads « — ». The labels in the other languages of the convention go on
// the back page (@verso), box by box.

// Widths of the grid, in millimetres.
const (
	ciecNumW   = 8.0
	ciecLabelW = 62.0
)

// st scales a style of the grid: a form whose boxes would not fit on
// its front page is set smaller (layout.scale).
func (l *layout) st(s style) style {
	s.size *= l.scale
	s.lead *= l.scale
	return s
}

// ciecLabels returns the number, the French and English labels and the
// other languages' labels of a box line "N | fr | en | de | es | it | nl |
// pt | values…" whose last nValues arguments are values.
func ciecLabels(b block, nValues int) (num, fr, en string, others []string, values []string) {
	args := b.args
	for len(args) < 3+nValues {
		args = append(args, "")
	}
	labels := args[1 : len(args)-nValues]
	values = args[len(args)-nValues:]
	if len(labels) > 0 {
		fr = labels[0]
	}
	if len(labels) > 1 {
		en = labels[1]
	}
	if len(labels) > 2 {
		others = labels[2:]
	}
	return args[0], fr, en, others, values
}

// struck tells whether a box has nothing to say.
func struck(v string) bool { v = strings.TrimSpace(v); return v == "" || v == "—" }

// boxLabel lays out the number and labels of a box, and returns the
// height they need and a function that draws them at (x, y).
func (l *layout) boxLabel(num, fr, en string) (float64, func(p canvas, page int, x, y, h float64)) {
	d := l.d
	ns, fs, es := l.st(bold(9.5, 4.4)), l.st(bold(9.5, 4.2)), l.st(italic(7.5, 3.3))
	frLines := breakLines(frenchSpaces(fr), fs, ciecLabelW-3, false)
	enLines := breakLines(en, es, ciecLabelW-3, false)
	h := float64(len(frLines))*fs.lead + float64(len(enLines))*es.lead + 1.6
	return h, func(p canvas, page int, x, y, hh float64) {
		p.Stroke(0.24, 0.2)
		p.Line(x+ciecNumW, y, x+ciecNumW, y+hh)
		p.Line(x+ciecNumW+ciecLabelW, y, x+ciecNumW+ciecLabelW, y+hh)
		d.drawLine(p, page, ns, line{words: []string{num}, width: ns.width(num)}, x, ciecNumW, y+0.5, 'C', rect{x, y, ciecNumW, hh})
		ly := y + 0.6
		for _, ln := range frLines {
			d.drawLine(p, page, fs, ln, x+ciecNumW+1.5, ciecLabelW-3, ly, 'L', rect{x + ciecNumW, y, ciecLabelW, hh})
			ly += fs.lead
		}
		for _, ln := range enLines {
			d.drawLine(p, page, es, ln, x+ciecNumW+1.5, ciecLabelW-3, ly, 'L', rect{x + ciecNumW, y, ciecLabelW, hh})
			ly += es.lead
		}
	}
}

// valueCell lays out a value in a cell of width w: a text in bold
// capitals, a date as Jo Mo An, or a struck box.
func (l *layout) valueCell(value string, date bool, w float64) (float64, func(p canvas, page int, x, y, h float64)) {
	d := l.d
	vs := l.st(bold(10.5, 4.8))
	if struck(value) {
		return 0, func(p canvas, page int, x, y, h float64) {
			p.Stroke(0.24, 0.2)
			p.Line(x+2, y+h-1.5, x+w-2, y+1.5)
			d.drawLine(p, page, vs, line{words: []string{"—"}, width: vs.width("—")}, x, w, y+(h-vs.lead)/2, 'C', rect{x, y, w, h})
		}
	}
	if date {
		parts := strings.Split(value, "-") // AAAA-MM-JJ, or partial: AAAA-MM, AAAA
		switch len(parts) {
		case 3:
			parts = []string{parts[2], parts[1], parts[0]}
		case 2:
			parts = []string{"", parts[1], parts[0]}
		default:
			parts = []string{"", "", value}
		}
		return 9.5 * l.scale, func(p canvas, page int, x, y, h float64) {
			ss := l.st(regular(6.5, 2.8))
			cw := []float64{w * 0.28, w * 0.28, w * 0.44}
			cx := x
			for i, sym := range []string{"Jo", "Mo", "An"} {
				if i > 0 {
					p.Line(cx, y, cx, y+h)
				}
				f := rect{cx, y, cw[i], h}
				d.drawLine(p, page, ss, line{words: []string{sym}, width: ss.width(sym)}, cx, cw[i], y+0.3, 'C', f)
				d.drawLine(p, page, vs, line{words: []string{parts[i]}, width: vs.width(parts[i])}, cx, cw[i], y+3.4*l.scale, 'C', f)
				cx += cw[i]
			}
		}
	}
	lines := breakLines(value, vs, w-3, false)
	return float64(len(lines))*vs.lead + 1.6, func(p canvas, page int, x, y, h float64) {
		for i, ln := range lines {
			d.drawLine(p, page, vs, ln, x+1.5, w-3, y+0.8+float64(i)*vs.lead, 'L', rect{x, y, w, h})
		}
	}
}

// field is one box with one value.
func (l *layout) field(w float64, b block) item {
	num, fr, en, others, values := ciecLabels(b, 1)
	l.translations = append(l.translations, append([]string{num}, others...))
	lh, drawLabel := l.boxLabel(num, fr, en)
	vw := w - ciecNumW - ciecLabelW
	vh, drawValue := l.valueCell(values[0], b.kind == "date", vw)
	h := max(lh, vh, 8.5*l.scale)
	return item{h: h, draw: func(p canvas, page int, x, y float64) {
		p.Stroke(0.24, 0.2)
		p.Rect(x, y, w, h)
		drawLabel(p, page, x, y, h)
		drawValue(p, page, x+ciecNumW+ciecLabelW, y, h)
	}}
}

// pair is one box with a value for each spouse, in two columns.
func (l *layout) pair(w float64, b block) item {
	num, fr, en, others, values := ciecLabels(b, 2)
	l.translations = append(l.translations, append([]string{num}, others...))
	lh, drawLabel := l.boxLabel(num, fr, en)
	cw := (w - ciecNumW - ciecLabelW) / 2
	h1, draw1 := l.valueCell(values[0], b.kind == "paire-date", cw)
	h2, draw2 := l.valueCell(values[1], b.kind == "paire-date", cw)
	h := max(lh, h1, h2, 8.5*l.scale)
	return item{h: h, keep: true, draw: func(p canvas, page int, x, y float64) {
		p.Stroke(0.24, 0.2)
		p.Rect(x, y, w, h)
		drawLabel(p, page, x, y, h)
		vx := x + ciecNumW + ciecLabelW
		p.Line(vx+cw, y, vx+cw, y+h)
		draw1(p, page, vx, y, h)
		draw2(p, page, vx+cw, y, h)
	}}
}

// columns titles the two columns of the @paire boxes.
func (l *layout) columns(w float64, b block) item {
	d := l.d
	s := bold(8.5, 3.8)
	cw := (w - ciecNumW - ciecLabelW) / 2
	h := 5.0
	return item{h: h, draw: func(p canvas, page int, x, y float64) {
		vx := x + ciecNumW + ciecLabelW
		p.Stroke(0.24, 0.2)
		p.Rect(vx, y, 2*cw, h)
		p.Line(vx+cw, y, vx+cw, y+h)
		for i := range 2 {
			t := b.arg(i)
			lines := breakLines(t, s, cw-2, false)
			if len(lines) > 0 {
				d.drawLine(p, page, s, lines[0], vx+float64(i)*cw+1, cw-2, y+0.6, 'C', rect{vx + float64(i)*cw, y, cw, h})
			}
		}
	}}
}

// delivery is the last box: the date of issue (Jo Mo An), the officer's
// signature with their name and quality, the seal, and the signed code
// when there is one, its caption under the box.
func (l *layout) delivery(w float64, b block, code *block) item {
	d := l.d
	num, fr, en, others, values := ciecLabels(b, 3)
	l.translations = append(l.translations, append([]string{num}, others...))
	lh, drawLabel := l.boxLabel(num, fr, en)
	vw := w - ciecNumW - ciecLabelW
	_, drawDate := l.valueCell(values[0], true, vw)
	dateH := 9.5 * l.scale
	h := 44.0 * l.scale
	ns := l.st(regular(8, 3.5))
	signer := breakLines(frenchSpaces(values[1]), ns, ciecLabelW-3, false)
	cs := codeCaption()
	var caption []line
	capH := 0.0
	if code != nil {
		caption = breakLines(frenchSpaces(code.arg(0)), cs, w, false)
		capH = quietZone + float64(len(caption))*cs.lead
	}
	seal := regular(7.5, 3.3)
	return item{h: max(h, lh+float64(len(signer))*ns.lead+20) + capH, before: 0, keep: true, draw: func(p canvas, page int, x, y float64) {
		hh := max(h, lh+float64(len(signer))*ns.lead+20)
		p.Stroke(0.24, 0.2)
		p.Rect(x, y, w, hh)
		drawLabel(p, page, x, y, hh)
		vx := x + ciecNumW + ciecLabelW
		p.Line(vx, y+dateH, x+w, y+dateH)
		drawDate(p, page, vx, y, dateH)
		// the signer under the labels, room for the signature beside
		sy := y + lh + 1
		for i, ln := range signer {
			d.drawLine(p, page, ns, ln, x+ciecNumW+1.5, ciecLabelW-3, sy+float64(i)*ns.lead, 'L', rect{x + ciecNumW, y, ciecLabelW, hh})
		}
		r := (hh-dateH)/2 - 2.5
		cx := vx + r + 3
		if code != nil {
			qs := min(hh-dateH-4, visaCodeSize)
			if err := d.drawQR(p, x+w-qs-2, y+dateH+(hh-dateH-qs)/2, qs); err != nil {
				d.err = err
			}
		}
		cy := y + dateH + (hh-dateH)/2
		p.Dash(1, 1)
		p.Circle(cx, cy, r)
		p.Dash(0, 0)
		sig := l.st(italic(7, 3))
		sx := cx + r + 2
		if sw := x + w - sx - 2; sw > 10 {
			d.drawLine(p, page, sig, line{words: []string{"Signature"}, width: sig.width("Signature")}, sx, sw, y+dateH+0.8, 'L', rect{sx, y + dateH, sw, hh - dateH})
		}
		sl := breakLines(values[2], seal, 2*r-6, false)
		for i, ln := range sl {
			d.drawLine(p, page, seal, ln, cx-r+3, 2*r-6, cy-float64(len(sl))*seal.lead/2+float64(i)*seal.lead, 'C', rect{cx - r, cy - r, 2 * r, 2 * r})
		}
		if code != nil {
			p.Gray(0.24)
			for i, ln := range caption {
				d.drawLine(p, page, cs, ln, x, w, y+hh+quietZone+float64(i)*cs.lead, 'R', rect{x, y + hh, w, capH})
			}
			p.Gray(0)
		}
	}}
}

// verso is the back page: for each box, its labels in the other
// languages of the convention, then the legend of the symbols in those
// languages.
func (l *layout) verso(w float64, b block) []item {
	d := l.d
	langs := []string{"Deutsch", "Español", "Italiano", "Nederlands", "Português"}
	cw := (w - ciecNumW) / float64(len(langs))
	hs, ts := bold(8, 3.6), italic(7.5, 3.3)
	title := d.paragraph(b.arg(0), bold(11, 5.5), w, 'C', 0)
	title[0].newPage = true
	out := title
	header := item{h: 5, before: 3, draw: func(p canvas, page int, x, y float64) {
		p.Stroke(0.24, 0.2)
		p.Rect(x, y, w, 5)
		for i, lg := range langs {
			cx := x + ciecNumW + float64(i)*cw
			p.Line(cx, y, cx, y+5)
			d.drawLine(p, page, hs, line{words: []string{lg}, width: hs.width(lg)}, cx, cw, y+0.5, 'C', rect{cx, y, cw, 5})
		}
	}}
	out = append(out, header)
	for _, row := range l.translations {
		row := row
		cells := make([][]line, len(langs))
		h := 6.0
		for i := range langs {
			if i+1 < len(row) {
				cells[i] = breakLines(row[i+1], ts, cw-2, false)
			}
			h = max(h, float64(len(cells[i]))*ts.lead+1.5)
		}
		out = append(out, item{h: h, draw: func(p canvas, page int, x, y float64) {
			p.Stroke(0.24, 0.2)
			p.Rect(x, y, w, h)
			d.drawLine(p, page, hs, line{words: []string{row[0]}, width: hs.width(row[0])}, x, ciecNumW, y+0.4, 'C', rect{x, y, ciecNumW, h})
			for i := range langs {
				cx := x + ciecNumW + float64(i)*cw
				p.Line(cx, y, cx, y+h)
				for k, ln := range cells[i] {
					d.drawLine(p, page, ts, ln, cx+1, cw-2, y+0.6+float64(k)*ts.lead, 'L', rect{cx, y, cw, h})
				}
			}
		}})
	}
	out = append(out, d.paragraph(b.arg(1), italic(7.5, 3.6), w, 'L', 3)...)
	return out
}

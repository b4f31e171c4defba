// Package qrscan reads QR codes from images (a scan or a photo of a
// copy). It keeps the decoder (gozxing, an independent port of ZXing)
// behind one function.
package qrscan

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // scans and phone photos
	_ "image/png"
	"io"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"golang.org/x/image/draw"
)

// ErrNoCode is returned when no QR code can be read in the image.
var ErrNoCode = errors.New("aucun code QR lisible dans cette image")

// MaxPixels bounds the images read: 60 million pixels (a 50-megapixel
// phone photo passes). A decoded image takes 4 bytes a pixel, and a few
// hundred bytes of a PNG can announce billions of them.
const MaxPixels = 60_000_000

// ErrTooLarge is returned for an image of more than MaxPixels pixels.
var ErrTooLarge = fmt.Errorf("image trop grande (plus de %d millions de pixels)", MaxPixels/1_000_000)

// Read returns the text of the QR code in a PNG or JPEG image. The
// image's size is read from its header first: one larger than MaxPixels
// is refused before it is decoded.
func Read(r io.Reader) (string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return "", errors.New("image illisible")
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return "", errors.New("image illisible (formats acceptés : PNG, JPEG)")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return "", ErrTooLarge
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return "", errors.New("image illisible (formats acceptés : PNG, JPEG)")
	}
	return Decode(img)
}

// scales are tried in turn: the detector misses some codes at one
// sampling of the modules and finds them at another.
var scales = []float64{1, 0.75, 1.5, 0.9, 1.25, 0.6, 2}

// maxSide bounds the image worked on: a phone photo is scaled down first.
const maxSide = 3000

// Decode returns the text of the QR code in an image.
func Decode(img image.Image) (string, error) {
	b := img.Bounds()
	base := 1.0
	if side := max(b.Dx(), b.Dy()); side > maxSide {
		base = float64(maxSide) / float64(side)
	}
	hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
	for _, s := range scales {
		im := img
		if s*base != 1 {
			w, h := int(float64(b.Dx())*s*base), int(float64(b.Dy())*s*base)
			if w < 21 || h < 21 || max(w, h) > 2*maxSide {
				continue
			}
			dst := image.NewGray(image.Rect(0, 0, w, h))
			draw.BiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
			im = dst
		}
		bmp, err := gozxing.NewBinaryBitmapFromImage(im)
		if err != nil {
			continue
		}
		if res, err := qrcode.NewQRCodeReader().Decode(bmp, hints); err == nil {
			return res.GetText(), nil
		}
	}
	return "", ErrNoCode
}

// Package qrscan reads QR codes from images (a scan or a photo of a
// copy). It keeps the decoder (gozxing, an independent port of ZXing)
// behind one function.
package qrscan

import (
	"errors"
	"image"
	_ "image/jpeg" // scans and phone photos
	_ "image/png"
	"io"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// ErrNoCode is returned when no QR code can be read in the image.
var ErrNoCode = errors.New("aucun code QR lisible dans cette image")

// Read returns the text of the QR code in a PNG or JPEG image.
func Read(r io.Reader) (string, error) {
	img, _, err := image.Decode(r)
	if err != nil {
		return "", errors.New("image illisible (formats acceptés : PNG, JPEG)")
	}
	return Decode(img)
}

// Decode returns the text of the QR code in an image.
func Decode(img image.Image) (string, error) {
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", ErrNoCode
	}
	hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		return "", ErrNoCode
	}
	return res.GetText(), nil
}

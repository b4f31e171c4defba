package seal

import (
	"crypto/x509"
	"encoding/pem"
)

type x509Cert = x509.Certificate

func pemOf(c *x509.Certificate) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
}

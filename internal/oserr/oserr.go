// Package oserr says the operating system's errors in French: no English
// library message (« open /media/cle/b.age: input/output error ») ever
// reaches a clerk, from the command line or from the counter's page.
package oserr

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"
)

// Is reports whether err's chain holds an error of the operating system:
// a file operation (*fs.PathError, *os.LinkError, *os.SyscallError) or a
// system error number.
func Is(err error) bool {
	var (
		path  *fs.PathError
		link  *os.LinkError
		sys   *os.SyscallError
		errno syscall.Errno
	)
	return errors.As(err, &path) || errors.As(err, &link) || errors.As(err, &sys) || errors.As(err, &errno)
}

// French returns err's message with the operating system's
// English (« open /media/cle/b.age: input/output error ») said in French
// (« ouverture de /media/cle/b.age : erreur d'entrée-sortie (disque ou
// clé USB défaillant) »): the file operations (*fs.PathError,
// *os.LinkError, *os.SyscallError) and the system's error numbers found
// in err's chain are replaced where they appear in its text.
func French(err error) string {
	msg := err.Error()
	var errno syscall.Errno
	for e := err; e != nil; e = errors.Unwrap(e) {
		var what, fr string
		switch x := e.(type) {
		case *fs.PathError:
			what, fr = x.Error(), opFrench(x.Op)+" "+x.Path
		case *os.LinkError:
			what, fr = x.Error(), opFrench(x.Op)+" "+x.Old+" en "+x.New
		case *os.SyscallError:
			what, fr = x.Error(), opFrench(x.Syscall)
		default:
			continue
		}
		if errors.As(e, &errno) {
			fr += " : " + errnoFrench(errno)
		} else if inner := errors.Unwrap(e); inner != nil {
			fr += " : " + inner.Error()
		}
		msg = strings.Replace(msg, what, fr, 1)
	}
	if errors.As(err, &errno) {
		msg = strings.Replace(msg, errno.Error(), errnoFrench(errno), 1)
	}
	return msg
}

// opFrench names a file operation of Go's os package in French.
func opFrench(op string) string {
	switch op {
	case "open", "openat":
		return "ouverture de"
	case "read", "pread":
		return "lecture de"
	case "write", "pwrite":
		return "écriture de"
	case "close":
		return "fermeture de"
	case "sync", "fsync", "fdatasync":
		return "enregistrement sur le support de"
	case "rename":
		return "renommage de"
	case "link":
		return "lien de"
	case "remove", "unlinkat":
		return "suppression de"
	case "mkdir":
		return "création du dossier"
	case "stat", "lstat", "fstat":
		return "examen de"
	case "truncate", "ftruncate":
		return "troncature de"
	case "chmod", "fchmod":
		return "changement des droits de"
	case "seek":
		return "positionnement dans"
	case "readdirent", "readdir":
		return "lecture du dossier"
	}
	return "opération « " + op + " » sur"
}

// errnoFrench says a system error number in French.
func errnoFrench(n syscall.Errno) string {
	switch n {
	case syscall.ENOENT:
		return "fichier ou dossier introuvable"
	case syscall.EACCES, syscall.EPERM:
		return "accès refusé"
	case syscall.EIO:
		return "erreur d'entrée-sortie (disque ou clé USB défaillant)"
	case syscall.ENOSPC:
		return "plus de place sur le support"
	case syscall.EROFS:
		return "support en lecture seule"
	case syscall.EEXIST:
		return "le fichier existe déjà"
	case syscall.ENOTDIR:
		return "un élément du chemin n'est pas un dossier"
	case syscall.EISDIR:
		return "c'est un dossier"
	case syscall.ENAMETOOLONG:
		return "nom trop long"
	case syscall.ELOOP:
		return "trop de liens symboliques"
	case syscall.EBUSY:
		return "ressource occupée"
	case syscall.EXDEV:
		return "impossible d'un support à un autre"
	case syscall.EMFILE, syscall.ENFILE:
		return "trop de fichiers ouverts"
	case syscall.ENXIO, syscall.ENODEV:
		return "périphérique absent (clé USB retirée ?)"
	case syscall.EINVAL:
		return "opération impossible sur ce support"
	}
	return fmt.Sprintf("erreur du système n° %d", int(n))
}

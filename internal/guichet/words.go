package guichet

import (
	"regexp"
	"strings"

	"etatcivil/civil"
)

// The counter's clerks do not type commands. The library's refusals name
// no command (civil.Problem: next steps are links, steps.go), but a few
// shared texts are written for the command line, where they are right
// (keyring's refusals and reports, verify's verdicts: « indiquez le
// fichier .age écrit par etatcivil sauvegarde »): the page says the same
// with the page that does it instead of the command, by pageWords, where
// such texts reach a page (refusals, messages, errors).

// commandPages names, for each command a shared text may name, the page
// that does it, as the navigation names it. Longer commands first.
var commandPages = []string{
	"officier ajouter", "« Officiers » → « Ajouter un officier »",
	"officier revoquer", "« Officiers » → « Révoquer la clé d'un officier »",
	"officier", "« Officiers »",
	"cles phrase", "« Clés et secours » → « Changer la phrase du sceau »",
	"cles", "« Clés et secours »",
	"secours", "« Clés et secours » → « Clé de secours »",
	"sauvegarde", "« Sauvegarde »",
	"restaurer", "« Restaurer »",
	"controle", "« Contrôle »",
	"compacter", "« Compacter »",
	"horloge", "« Contrôle » → « Horloge et témoin »",
	"temoin", "« Contrôle » → « Horloge et témoin »",
	"lister", "« Registre »",
	"afficher", "« Registre »",
	"preparer", "« Registre »",
	"imprimer", "« Imprimer / signer »",
	"signer", "« Imprimer / signer »",
	"annuler", "« Imprimer / signer » → « Annuler un brouillon »",
	"corriger", "« Imprimer / signer »",
	"dresser", "« Imprimer / signer » → « Mariages prévus »",
	"verifier", "« Vérifier »",
	"export", "« Import / export »",
	"import", "« Import / export »",
	"recherche", "« Rechercher »",
	"copies", "« Délivrer une copie »",
	"copie", "« Délivrer une copie »",
	"numerotation", "« Numérotation »",
	"rapprochement", "« Fin d'année »",
	"tables", "« Fin d'année »",
	"cloturer", "« Fin d'année »",
	"journal", "« Journal »",
	"reglages", "« Réglages »",
	"mentions", "« Avis »",
	"mention", "« Mentions »",
	"bans", "« Bans »",
	"rdv", "« Rendez-vous »",
	"init", "« Créer le registre »",
}

// commandArg matches what follows a command on its line: an option, a
// placeholder (REF, FICHIER), a file (commune.pem), a reference
// (naissance/2026/38).
var commandArg = regexp.MustCompile(`^(?:--?[a-z][a-z-]*|[A-Z][A-Z0-9_-]*|\S+\.(?:pem|pdf|age|jsonl?|csv|txt)|[a-z_]+/[a-z0-9]+/[0-9]+|…)$`)

// pageWords writes a text of the command line in the page's words: each
// command it names, with its options and arguments, becomes the page that
// does it (commandPages), and the option that gives the commune's
// certificate the field of the page. A command the counter has no page
// for (guichet itself) is left as it is.
func pageWords(s string) string {
	if !strings.Contains(s, "etatcivil ") && !strings.Contains(s, "--certificat") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "etatcivil ")
		if i < 0 {
			break
		}
		b.WriteString(s[:i])
		rest, page := s[i+len("etatcivil "):], ""
		for j := 0; j < len(commandPages) && page == ""; j += 2 {
			if after, ok := strings.CutPrefix(rest, commandPages[j]); ok && (after == "" || !isWordByte(after[0])) {
				rest, page = after, commandPages[j+1]
			}
		}
		if page == "" {
			b.WriteString("etatcivil ")
			s = rest
			continue
		}
		// Its subcommand, options and arguments.
		for strings.HasPrefix(rest, " ") {
			tok, _, _ := strings.Cut(rest[1:], " ")
			word := strings.TrimRight(tok, ",;:).")
			if word == "" || !commandArg.MatchString(word) && !isSubcommand(word) {
				break
			}
			rest = rest[1+len(word):]
		}
		b.WriteString(page)
		s = rest
	}
	b.WriteString(s)
	return strings.NewReplacer("avec --certificat commune.pem", "dans « Certificat de la commune »", "(--certificat, ", "(").Replace(b.String())
}

// isSubcommand tells the subcommands a shared text names after its
// command (etatcivil cles exporter): they go with it.
func isSubcommand(w string) bool {
	switch w {
	case "lister", "exporter", "revocations", "creer", "signer", "accepter", "phrase", "modifier":
		return true
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c >= 0x80
}

// pageProblems returns ps in the page's words (pageWords).
func pageProblems(ps []civil.Problem) []civil.Problem {
	out := make([]civil.Problem, len(ps))
	for i, p := range ps {
		p.Rule, p.Hint = pageWords(p.Rule), pageWords(p.Hint)
		out[i] = p
	}
	return out
}
